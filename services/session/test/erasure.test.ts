import { beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createEvent, candidateErasureConfirmed, ERASURE_SERVICES } from '@assay/events';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { CandidateTokens, HttpProblem, retentionEnd, ttlSeconds } from '@assay/platform';
import { emailKey, externalIdKey, normaliseEmail, requestKeys } from '../src/domain/candidate-keys';
import { recordConfirmation, requestErasure } from '../src/domain/erasure';
import { createInvitation } from '../src/domain/invitations';
import { SessionStore } from '../src/store';

// Erasure requests and retention on the session table (DynamoDB Local): candidates are found by
// hashed keys without a scan, erased in one transaction with their event, and every item that
// holds candidate data carries the TTL of the tenant's retention.

let db: Awaited<ReturnType<typeof useTestTables>>['db'];
let store: SessionStore;
let tokens: CandidateTokens;
const NOW = new Date('2026-03-31T12:00:00.000Z');

beforeAll(async () => {
  ({ db } = await useTestTables());
  store = new SessionStore(db);
  tokens = new CandidateTokens(db);
});

async function assessment(tenantId: string): Promise<string> {
  const id = `asm_${'0'.repeat(25)}${tenantId.length % 10}`;
  await store.putAssessment(
    tenantId,
    {
      id,
      title: 'Billing',
      playbook: { id: 'p', version: '1.0.0', hash: `sha256:${'a'.repeat(64)}` },
      timeLimitMinutes: 30,
      sampling: {},
      itemCount: 1,
      createdAt: NOW.toISOString(),
    },
    '{}',
  );
  return id;
}

const invite = (tenantId: string, asm: string, email: string, externalId?: string, months = 24) =>
  createInvitation(
    store,
    tokens,
    tenantId,
    asm,
    {
      candidate: { name: 'Ada Lovelace', email, ...(externalId ? { externalId } : {}) },
      extraTimePercent: 0,
    },
    'https://app.test',
    NOW,
    months,
  );

async function items(tenantId: string, prefix: string) {
  const out = await db.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: marshall({ ':pk': `T#${tenantId}`, ':p': prefix }),
    }),
  );
  return (out.Items ?? []).map((i) => unmarshall(i));
}

const ctx = (tenantId: string) => ({ tenantId, correlationId: 'c-erase' });

describe('candidate keys', () => {
  it('normalise emails so any case or padding finds the same candidate', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.ORG ')).toBe('ada.lovelace@example.org');
    expect(emailKey('ADA@example.org')).toBe(emailKey('ada@EXAMPLE.org '));
    expect(emailKey('ada@example.org')).not.toBe(externalIdKey('ada@example.org'));
    expect(emailKey('ada@example.org')).not.toContain('ada');
  });

  it('try an email-looking value as both an email and an external id', () => {
    expect(requestKeys('ada@example.org')).toEqual([
      emailKey('ada@example.org'),
      externalIdKey('ada@example.org'),
    ]);
    expect(requestKeys('CAND-42')).toEqual([externalIdKey('CAND-42')]);
  });
});

describe('retention', () => {
  it('adds calendar months in UTC', () => {
    expect(retentionEnd(new Date('2026-01-15T08:00:00Z'), 24).toISOString()).toBe(
      '2028-01-15T08:00:00.000Z',
    );
    expect(retentionEnd(new Date('2026-02-28T00:00:00Z'), 1).toISOString()).toBe(
      '2026-03-28T00:00:00.000Z',
    );
  });

  it("gives the invitation and its lookup items the tenant's retention as TTL", async () => {
    const asm = await assessment('tr');
    const inv = await invite('tr', asm, 'ttl@example.org', 'EXT-TTL', 6);
    const expected = ttlSeconds(retentionEnd(NOW, 6).toISOString());
    expect(inv.retainUntil).toBe(retentionEnd(NOW, 6).toISOString());
    const [stored] = await items('tr', `INV#${inv.id}`);
    expect(stored!.ttl).toBe(expected);
    const lookups = await items('tr', 'CAND#');
    expect(lookups).toHaveLength(2);
    for (const l of lookups) {
      expect(l.ttl).toBe(expected);
      expect(JSON.stringify(l)).not.toContain('ttl@example.org');
      expect(JSON.stringify(l)).not.toContain('EXT-TTL');
    }
  });
});

describe('erasure requests', () => {
  it('erase by email in any case: blank the candidate, drop the lookups, queue an id-only event', async () => {
    const asm = await assessment('te');
    const a = await invite('te', asm, 'Grace@Example.org', 'HR-1');
    const b = await invite('te', asm, 'grace@example.org');
    const other = await invite('te', asm, 'someone@example.org');
    const { created, erasure } = await requestErasure(
      store,
      'te',
      'GRACE@example.ORG',
      ctx('te'),
      24,
      NOW,
    );
    expect(created).toBe(true);
    expect(erasure).toMatchObject({ status: 'pending', sessionIds: [] });
    expect(erasure.invitationIds.sort()).toEqual([a.id, b.id].sort());
    expect(erasure.services.map((s) => [s.service, s.status])).toEqual(
      ERASURE_SERVICES.map((s) => [s, 'pending']),
    );
    for (const id of [a.id, b.id]) {
      const inv = await store.getInvitation('te', id);
      expect(inv).toMatchObject({ candidate: { name: '[erased]', email: '[erased]' } });
      expect(inv!.candidate.externalId).toBeUndefined();
      expect(inv!.erasedAt).toBe(NOW.toISOString());
    }
    expect((await store.getInvitation('te', other.id))!.candidate.email).toBe(
      'someone@example.org',
    );
    // Only the other candidate's lookup is left.
    expect((await items('te', 'CAND#')).map((i) => i.invitationId)).toEqual([other.id]);
    const outbox = await db.send(
      new QueryCommand({
        TableName: store.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': 'T#te#OUTBOX' }),
      }),
    );
    const events = (outbox.Items ?? []).map((i) => unmarshall(i));
    expect(events.map((e) => e.detailType)).toEqual(['candidate.erasure-requested']);
    expect(events[0]!.detail).not.toMatch(/grace|HR-1|Lovelace/i);
    // The same request again answers with the same erasure and writes nothing new.
    const again = await requestErasure(store, 'te', 'grace@example.org', ctx('te'), 24, NOW);
    expect(again).toEqual({ created: false, erasure });
    // So does the candidate's external id.
    expect(await requestErasure(store, 'te', 'HR-1', ctx('te'), 24, NOW)).toEqual({
      created: false,
      erasure,
    });
  });

  it('erase by external id, exactly as given', async () => {
    const asm = await assessment('tx');
    const inv = await invite('tx', asm, 'lin@example.org', 'ATS-77');
    await expect(requestErasure(store, 'tx', 'ats-77', ctx('tx'), 24, NOW)).rejects.toBeInstanceOf(
      HttpProblem,
    );
    const { erasure } = await requestErasure(store, 'tx', 'ATS-77', ctx('tx'), 24, NOW);
    expect(erasure.invitationIds).toEqual([inv.id]);
    expect(await items('tx', 'CAND#')).toEqual([]);
  });

  it("answer 404 for an unknown candidate and for another tenant's", async () => {
    const asm = await assessment('tn');
    await invite('tn', asm, 'mine@example.org');
    const unknown = requestErasure(store, 'tn', 'nobody@example.org', ctx('tn'), 24, NOW);
    await expect(unknown).rejects.toMatchObject({ status: 404 });
    await expect(unknown).rejects.not.toMatchObject({ detail: expect.stringContaining('nobody') });
    await expect(
      requestErasure(store, 'tn-other', 'mine@example.org', ctx('tn-other'), 24, NOW),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('complete once every expected service confirmed, whatever the order and repeats', async () => {
    const asm = await assessment('tc');
    await invite('tc', asm, 'conf@example.org');
    const { erasure } = await requestErasure(store, 'tc', 'conf@example.org', ctx('tc'), 24, NOW);
    const confirm = (service: (typeof ERASURE_SERVICES)[number], n: number) =>
      recordConfirmation(
        store,
        createEvent(
          candidateErasureConfirmed,
          ctx('tc'),
          {
            erasureId: erasure.erasureId,
            service,
            erasedAt: NOW.toISOString(),
            counts: { items: n },
          },
          NOW,
        ),
      );
    expect((await confirm('reporting', 3))!.status).toBe('pending');
    expect((await confirm('reporting', 0))!.status).toBe('pending');
    expect((await confirm('session', 1))!.status).toBe('pending');
    const done = await confirm('scoring', 2);
    expect(done).toMatchObject({ status: 'complete', completedAt: NOW.toISOString() });
    const stored = await db.send(
      new GetItemCommand({
        TableName: store.table,
        Key: marshall({ pk: 'T#tc', sk: `ERA#${erasure.erasureId}` }),
      }),
    );
    const record = unmarshall(stored.Item!);
    expect(record.status).toBe('complete');
    expect(record.services.scoring).toEqual({
      status: 'complete',
      erasedAt: NOW.toISOString(),
      counts: { items: 2 },
    });
    expect(typeof record.ttl).toBe('number');
  });
});
