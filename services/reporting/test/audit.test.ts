import { beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createEvent, sessionDeadlineReached } from '@assay/events';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { appendToAudit, sessionAudit, verifyAudit } from '../src/domain/audit-log';
import {
  chainHash,
  GENESIS_HASH,
  isTombstone,
  nextLink,
  sha256,
  tombstoneOf,
  type AuditEntry,
  type Tombstone,
} from '../src/domain/audit';
import { ReportingStore } from '../src/store';

// The per-tenant hash chain on real DynamoDB Local: idempotent per event id, no fork under
// concurrent appends, and one altered stored byte is found at its entry.

let store: ReportingStore;
let db: Awaited<ReturnType<typeof useTestTables>>['db'];

beforeAll(async () => {
  ({ db } = await useTestTables());
  store = new ReportingStore(db);
});

const event = (tenantId: string, sessionId: string) =>
  createEvent(sessionDeadlineReached, { tenantId, correlationId: 'c-1' }, { sessionId });

const eventIdOf = (entry: AuditEntry | Tombstone) =>
  isTombstone(entry) ? `erased:${entry.seq}` : entry.eventId;

describe('chain links', () => {
  it("hash the previous hash and the canonical entry's digest", () => {
    const e = event('t1', 'ses_1');
    const first = nextLink(e, undefined);
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.hash).toBe(chainHash(GENESIS_HASH, sha256(first.entry)));
    expect(first.hash).toBe(sha256(`${GENESIS_HASH}\n${sha256(first.entry)}`));
    expect(JSON.parse(first.entry)).toMatchObject({
      seq: 1,
      eventId: e.eventId,
      sessionId: 'ses_1',
    });
    const second = nextLink(e, { seq: 1, hash: first.hash });
    expect(second.prevHash).toBe(first.hash);
  });
});

describe('the audit log', () => {
  it('appends once per event id and verifies', async () => {
    const e = event('ta', 'ses_a');
    expect(await appendToAudit(store, e)).toBe(true);
    expect(await appendToAudit(store, e)).toBe(false);
    expect(await appendToAudit(store, event('ta', 'ses_b'))).toBe(true);
    expect(await verifyAudit(store, 'ta')).toMatchObject({
      ok: true,
      entries: 2,
      firstBroken: null,
    });
    const entries = await sessionAudit(store, 'ta', 'ses_a');
    expect(entries.map((x) => eventIdOf(x.entry))).toEqual([e.eventId]);
  });

  it("lists a session's entries in the order they occurred, whatever order they arrived in", async () => {
    const at = (iso: string) => ({ ...event('to', 'ses_o'), occurredAt: iso });
    const late = at('2026-01-01T10:00:02.000Z');
    const early = at('2026-01-01T10:00:01.000Z');
    await appendToAudit(store, late);
    await appendToAudit(store, early);
    const entries = await sessionAudit(store, 'to', 'ses_o');
    expect(entries.map((x) => [eventIdOf(x.entry), x.seq])).toEqual([
      [early.eventId, 2],
      [late.eventId, 1],
    ]);
  });

  it('never forks under concurrent appends (and redeliveries among them)', async () => {
    const events = Array.from({ length: 12 }, (_, i) => event('tc', `ses_${i % 3}`));
    await Promise.all([...events, ...events.slice(0, 4)].map((e) => appendToAudit(store, e)));
    const verification = await verifyAudit(store, 'tc');
    expect(verification).toMatchObject({ ok: true, entries: 12, head: { seq: 12 } });
    const seen = (await sessionAudit(store, 'tc', 'ses_0')).map((x) => eventIdOf(x.entry));
    expect(seen.sort()).toEqual(
      events
        .filter((_, i) => i % 3 === 0)
        .map((e) => e.eventId)
        .sort(),
    );
  });

  it('appends a burst of 200 concurrent events of one tenant as one unforked chain', async () => {
    const events = Array.from({ length: 200 }, (_, i) => event('tb', `ses_${i % 7}`));
    const results = await Promise.all(events.map((e) => appendToAudit(store, e)));
    expect(results.every((appended) => appended)).toBe(true);
    expect(await verifyAudit(store, 'tb')).toMatchObject({
      ok: true,
      entries: 200,
      head: { seq: 200 },
    });
    const audited = await Promise.all(
      Array.from({ length: 7 }, (_, s) => sessionAudit(store, 'tb', `ses_${s}`)),
    );
    const ids = audited.flat().map((x) => eventIdOf(x.entry));
    expect(ids.sort()).toEqual(events.map((e) => e.eventId).sort());
  });

  it('links the rest of a batch when some of its events are already in the chain', async () => {
    const events = Array.from({ length: 30 }, () => event('td', 'ses_d'));
    for (const e of events.slice(0, 5)) expect(await appendToAudit(store, e)).toBe(true);
    // The five already appended are queued among new ones: only the new ones are appended.
    const results = await Promise.all(events.map((e) => appendToAudit(store, e)));
    expect(results.filter((appended) => appended)).toHaveLength(25);
    expect(results.slice(0, 5)).toEqual([false, false, false, false, false]);
    expect(await verifyAudit(store, 'td')).toMatchObject({ ok: true, entries: 30 });
  });

  it('never forks when two processes append to one tenant at once', async () => {
    // Two stores queue apart, like two Lambda instances: only the conditional head move
    // orders them. Each also gets some of the other's events (redeliveries to either).
    const other = new ReportingStore(db);
    const events = Array.from({ length: 120 }, (_, i) => event('tp', `ses_${i % 4}`));
    const results = await Promise.all([
      ...events.slice(0, 70).map((e) => appendToAudit(store, e)),
      ...events.slice(50).map((e) => appendToAudit(other, e)),
    ]);
    expect(results.filter((appended) => appended)).toHaveLength(120);
    expect(await verifyAudit(store, 'tp')).toMatchObject({
      ok: true,
      entries: 120,
      head: { seq: 120 },
    });
    const audited = await Promise.all(
      Array.from({ length: 4 }, (_, s) => sessionAudit(store, 'tp', `ses_${s}`)),
    );
    expect(
      audited
        .flat()
        .map((x) => eventIdOf(x.entry))
        .sort(),
    ).toEqual(events.map((e) => e.eventId).sort());
  });

  it('finds one altered stored byte at its entry', async () => {
    for (let i = 0; i < 5; i++) await appendToAudit(store, event('tt', 'ses_t'));
    const key = { pk: { S: 'T#tt#AUDIT' }, sk: { S: 'SEQ#000000000003' } };
    const stored = await db.send(new GetItemCommand({ TableName: store.table, Key: key }));
    const entry = stored.Item!.entry!.S!;
    // Flip one character of the correlation id inside the stored entry: c-1 → c-2.
    const altered = entry.replace('"correlationId":"c-1"', '"correlationId":"c-2"');
    expect(altered).not.toBe(entry);
    await db.send(
      new UpdateItemCommand({
        TableName: store.table,
        Key: key,
        UpdateExpression: 'SET entry = :e',
        ExpressionAttributeValues: { ':e': { S: altered } },
      }),
    );
    expect(await verifyAudit(store, 'tt')).toEqual({
      ok: false,
      entries: 2,
      head: null,
      firstBroken: { seq: 3, reason: 'its content does not match its hash' },
    });
  });
});

describe('erasure tombstones', () => {
  /** Five entries, the 2nd and 4th about the erased session; returns their stored items. */
  async function chainWithErasedSession(tenantId: string) {
    for (const sid of ['ses_keep', 'ses_gone', 'ses_keep', 'ses_gone', 'ses_keep'])
      await appendToAudit(store, event(tenantId, sid));
    const erased = await store.sessionEntries(tenantId, 'ses_gone');
    for (const stored of erased)
      expect(
        await store.replaceEntry(tenantId, stored.seq, stored.entry, tombstoneOf(stored, 'era_1')),
      ).toBe(true);
    return erased;
  }

  it('keep only the digest, and the chain still verifies', async () => {
    const erased = await chainWithErasedSession('tz');
    expect(erased.map((e) => e.seq)).toEqual([2, 4]);
    const listed = await sessionAudit(store, 'tz', 'ses_gone');
    expect(listed.map((x) => x.entry)).toEqual(
      erased.map((e) => ({
        seq: e.seq,
        erased: true,
        erasureId: 'era_1',
        entryDigest: sha256(e.entry),
      })),
    );
    // Nothing of the erased entries is left but the digest.
    for (const x of listed) expect(JSON.stringify(x.entry)).not.toContain('ses_gone');
    expect(await verifyAudit(store, 'tz')).toMatchObject({ ok: true, entries: 5 });
    // Tombstoning again changes nothing.
    const again = await store.sessionEntries('tz', 'ses_gone');
    expect(again.map((e) => tombstoneOf(e, 'era_2'))).toEqual(again.map((e) => e.entry));
  });

  it('find an altered tombstone digest at its entry', async () => {
    const [first] = await chainWithErasedSession('ty');
    const key = { pk: { S: 'T#ty#AUDIT' }, sk: { S: 'SEQ#000000000002' } };
    const stored = await db.send(new GetItemCommand({ TableName: store.table, Key: key }));
    const tombstone = JSON.parse(stored.Item!.entry!.S!) as Tombstone;
    expect(tombstone.entryDigest).toBe(sha256(first!.entry));
    const forged = JSON.stringify({ ...tombstone, entryDigest: sha256('something else') });
    await db.send(
      new UpdateItemCommand({
        TableName: store.table,
        Key: key,
        UpdateExpression: 'SET entry = :e',
        ExpressionAttributeValues: { ':e': { S: forged } },
      }),
    );
    expect(await verifyAudit(store, 'ty')).toEqual({
      ok: false,
      entries: 1,
      head: null,
      firstBroken: { seq: 2, reason: 'its content does not match its hash' },
    });
  });

  it('store a late event about an erased session as a tombstone from the start', async () => {
    await appendToAudit(store, event('tl', 'ses_a'));
    const late = event('tl', 'ses_late');
    expect(await appendToAudit(store, late, 'era_9')).toBe(true);
    const [entry] = await sessionAudit(store, 'tl', 'ses_late');
    expect(entry!.entry).toMatchObject({ seq: 2, erased: true, erasureId: 'era_9' });
    expect(await verifyAudit(store, 'tl')).toMatchObject({ ok: true, entries: 2 });
  });
});
