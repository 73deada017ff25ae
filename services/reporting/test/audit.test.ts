import { beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createEvent, sessionDeadlineReached } from '@assay/events';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { appendToAudit, sessionAudit, verifyAudit } from '../src/domain/audit-log';
import { chainHash, GENESIS_HASH, nextLink } from '../src/domain/audit';
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

describe('chain links', () => {
  it('hash the previous hash and the canonical entry', () => {
    const e = event('t1', 'ses_1');
    const first = nextLink(e, undefined);
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.hash).toBe(chainHash(GENESIS_HASH, first.entry));
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
    expect(entries.map((x) => x.entry.eventId)).toEqual([e.eventId]);
  });

  it("lists a session's entries in the order they occurred, whatever order they arrived in", async () => {
    const at = (iso: string) => ({ ...event('to', 'ses_o'), occurredAt: iso });
    const late = at('2026-01-01T10:00:02.000Z');
    const early = at('2026-01-01T10:00:01.000Z');
    await appendToAudit(store, late);
    await appendToAudit(store, early);
    const entries = await sessionAudit(store, 'to', 'ses_o');
    expect(entries.map((x) => [x.entry.eventId, x.seq])).toEqual([
      [early.eventId, 2],
      [late.eventId, 1],
    ]);
  });

  it('never forks under concurrent appends (and redeliveries among them)', async () => {
    const events = Array.from({ length: 12 }, (_, i) => event('tc', `ses_${i % 3}`));
    await Promise.all([...events, ...events.slice(0, 4)].map((e) => appendToAudit(store, e)));
    const verification = await verifyAudit(store, 'tc');
    expect(verification).toMatchObject({ ok: true, entries: 12, head: { seq: 12 } });
    const seen = (await sessionAudit(store, 'tc', 'ses_0')).map((x) => x.entry.eventId);
    expect(seen.sort()).toEqual(
      events
        .filter((_, i) => i % 3 === 0)
        .map((e) => e.eventId)
        .sort(),
    );
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
