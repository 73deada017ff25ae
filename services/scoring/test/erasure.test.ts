import { beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { candidateErasureRequested, createEvent } from '@assay/events';
import { useTestTables } from '@assay/local/test-support/dynamo';
import {
  ClaimCheckError,
  deleteClaim,
  outboxEntryFromImage,
  resolveClaim,
  ttlSeconds,
} from '@assay/platform';
import { findBuiltin } from '@assay/playbooks';
import { ERASED_TEXT, eraseScoringData } from '../src/domain/erasure';
import { reviewItem, scoreSubmission } from '../src/domain/scorecards';
import { ScoringStore } from '../src/store';
import { submittedEvent } from './support/submission';

// Scoring's part of a candidate erasure on DynamoDB Local: the card keeps its numbers and loses
// the answers, quotes, review reasons and full-scorecard claims; a late submission for an erased
// session scores nothing; cards carry the tenant's retention as TTL.

const library = findBuiltin('medical-billing-specialist')!;
const RETAIN_UNTIL = '2028-11-23T10:00:00.000Z';
let store: ScoringStore;
let db: Awaited<ReturnType<typeof useTestTables>>['db'];

beforeAll(async () => {
  ({ db } = await useTestTables());
  store = new ScoringStore(db);
});

const submission = (tenantId: string) =>
  submittedEvent(tenantId, library, {
    writtenText: 'Dear Ms. Smith, kind regards',
    retainUntil: RETAIN_UNTIL,
  });

const erasureOf = (tenantId: string, sessionIds: string[]) =>
  createEvent(
    candidateErasureRequested,
    { tenantId, correlationId: 'c-era' },
    {
      erasureId: 'era_01ARZ3NDEKTSV4RRFFQ69G5FAV',
      invitationIds: ['inv_01'],
      sessionIds,
      requestedAt: '2026-11-24T00:00:00.000Z',
    },
  );

async function outbox(tenantId: string) {
  const out = await db.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': `T#${tenantId}#OUTBOX` }),
    }),
  );
  return (out.Items ?? []).map((i) => outboxEntryFromImage(i)!);
}

const erase = (tenantId: string, sessionIds: string[]) =>
  eraseScoringData(store, erasureOf(tenantId, sessionIds), (t, ref) => deleteClaim(t, ref, db));

describe('scoring erasure', () => {
  it("keeps the card's numbers and loses the candidate", async () => {
    const event = submission('te');
    const { sessionId } = event.data;
    expect(await scoreSubmission(store, event)).toBe(true);
    const scored = (await store.getCard('te', sessionId))!;
    const itemId = Object.keys(scored.card.items)[0]!;
    await reviewItem(
      store,
      'te',
      sessionId,
      { itemId, score: 0, reason: 'candidate told us in person' },
      'key-1',
      { tenantId: 'te', correlationId: 'c' },
    );
    const before = (await store.getCard('te', sessionId))!;
    expect(before.claimRefs).toHaveLength(2);
    // Retention: the card carries the session's TTL, the score event passes it on.
    const item = await db.send(
      new GetItemCommand({
        TableName: store.table,
        Key: marshall({ pk: 'T#te', sk: `CARD#${sessionId}` }),
      }),
    );
    expect(unmarshall(item.Item!).ttl).toBe(ttlSeconds(RETAIN_UNTIL));
    const computed = (await outbox('te')).find((e) => e.detailType === 'score.computed')!;
    expect((computed.detail.data as { retainUntil: string }).retainUntil).toBe(RETAIN_UNTIL);

    await erase('te', [sessionId]);
    const after = (await store.getCard('te', sessionId))!;
    expect(after.erasedAt).toEqual(expect.any(String));
    expect(after.answers).toEqual({});
    expect(after.card.total).toBe(before.card.total);
    expect(after.revision).toBe(before.revision);
    const texts = Object.values(after.card.items).flatMap((i) => i.evidence.map((e) => e.text));
    expect(new Set(texts)).toEqual(new Set([ERASED_TEXT]));
    expect(after.overrides[itemId]!.reason).toBe(ERASED_TEXT);
    expect(after.history.filter((h) => h.kind === 'review').map((h) => h.reason)).toEqual([
      ERASED_TEXT,
    ]);
    expect(JSON.stringify(after)).not.toContain('Smith');
    for (const ref of before.claimRefs!)
      await expect(resolveClaim('te', ref, db)).rejects.toBeInstanceOf(ClaimCheckError);
    // Outbox residue about the session is gone; the confirmation is there.
    const events = await outbox('te');
    expect(events.map((e) => e.detailType)).toEqual(['candidate.erasure-confirmed']);
    expect(events[0]!.detail.data).toMatchObject({
      service: 'scoring',
      counts: { scorecards: 1, claims: 2, outbox: 2 },
    });
    // The card is closed to reviews now.
    await expect(
      reviewItem(store, 'te', sessionId, { itemId, score: 1, reason: 'x' }, 'key-1', {
        tenantId: 'te',
        correlationId: 'c',
      }),
    ).rejects.toMatchObject({ status: 409 });
    // A redelivered request finds nothing left to erase and confirms again.
    await erase('te', [sessionId]);
    const confirmations = (await outbox('te')).map((e) => e.detail.data as { counts: object });
    expect(confirmations.at(-1)!.counts).toEqual({
      scorecards: 0,
      interviews: 0,
      claims: 0,
      outbox: 0,
    });
  });

  it('scores nothing for a submission that arrives after its erasure', async () => {
    const event = submission('tl');
    await erase('tl', [event.data.sessionId]);
    expect(await scoreSubmission(store, event)).toBe(false);
    expect(await store.getCard('tl', event.data.sessionId)).toBeUndefined();
  });
});
