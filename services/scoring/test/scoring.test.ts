import { beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createEvent, sessionSubmitted } from '@assay/events';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { claimWrites, HttpProblem, outboxEntryFromImage, PoisonEventError } from '@assay/platform';
import { findBuiltin, Playbook, playbookHash } from '@assay/playbooks';
import { score } from '@assay/scoring';
import { submitInterview } from '../src/domain/interviews';
import { RubricNotHeldError } from '../src/domain/rubrics';
import {
  applyOverrides,
  diffCards,
  rescoreSession,
  reviewItem,
  scoreSubmission,
} from '../src/domain/scorecards';
import { ScoringStore } from '../src/store';
import { submittedEvent } from './support/submission';

// The scoring domain on real DynamoDB Local: a submission is scored once with the pinned
// version, a hash mismatch is poison, reviews and re-scores revise deterministically.

const library = findBuiltin('medical-billing-specialist')!;
let store: ScoringStore;
let db: Awaited<ReturnType<typeof useTestTables>>['db'];

beforeAll(async () => {
  ({ db } = await useTestTables());
  store = new ScoringStore(db);
});

async function outbox(tenantId: string, type: string) {
  const out = await db.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': `T#${tenantId}#OUTBOX` }),
    }),
  );
  return (out.Items ?? [])
    .map((i) => outboxEntryFromImage(i)!)
    .filter((e) => e.detailType === type)
    .map((e) => e.detail as { data: Record<string, unknown> });
}

const ctx = (tenantId: string) => ({ tenantId, correlationId: 'corr-review' });

describe('scoring a submission', () => {
  it('scores once with the library version; redelivery changes nothing', async () => {
    const event = submittedEvent('t1', library);
    expect(await scoreSubmission(store, event)).toBe(true);
    expect(await scoreSubmission(store, event)).toBe(false);
    const card = (await store.getCard('t1', event.data.sessionId))!;
    const form = { ...library, items: library.items };
    const answers = 'answers' in event.data ? event.data.answers : {};
    expect(JSON.stringify(card.card)).toBe(JSON.stringify(score(form, answers as never)));
    const events = await outbox('t1', 'score.computed');
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      sessionId: event.data.sessionId,
      revision: 0,
      total: card.card.total,
      band: card.card.band,
      playbook: event.data.playbook,
    });
    expect(JSON.stringify(events[0]).length).toBeLessThan(2_000);
  });

  it('scores a claim-checked submission the same way', async () => {
    const inline = submittedEvent('t1', library);
    if (!('form' in inline.data)) throw new Error('inline form expected');
    const { form, answers, ...base } = inline.data;
    const claim = claimWrites('t1', JSON.stringify({ form, answers }));
    await db.send(new TransactWriteItemsCommand({ TransactItems: claim.writes }));
    const event = createEvent(
      sessionSubmitted,
      { tenantId: 't1', correlationId: 'c' },
      {
        ...base,
        submissionRef: claim.ref,
      },
    );
    expect(await scoreSubmission(store, event)).toBe(true);
    expect((await store.getCard('t1', base.sessionId))!.answers).toEqual(answers);
  });

  it('refuses a pinned hash that is not the version it names (poison, not a silent score)', async () => {
    const event = submittedEvent('t1', library);
    const forged = {
      ...event,
      data: {
        ...event.data,
        playbook: { ...event.data.playbook, hash: `sha256:${'a'.repeat(64)}` },
      },
    };
    await expect(scoreSubmission(store, forged)).rejects.toBeInstanceOf(PoisonEventError);
    expect(await store.getCard('t1', event.data.sessionId)).toBeUndefined();
  });

  it('refuses a form that is not the pinned version (an altered key)', async () => {
    const event = submittedEvent('t1', library);
    if (!('form' in event.data)) throw new Error('inline form expected');
    const items = (event.data.form.playbook.items as { type: string; key?: unknown }[]).map((i) =>
      i.type === 'sjt' ? { ...i, key: { best: 'x', worst: 'y' } } : i,
    );
    event.data.form.playbook = { ...event.data.form.playbook, items };
    await expect(scoreSubmission(store, event)).rejects.toBeInstanceOf(PoisonEventError);
  });

  it('waits (a retryable error) for a tenant version it does not hold yet', async () => {
    const own = Playbook.parse({ ...library, id: 'acme-unpublished' });
    await expect(scoreSubmission(store, submittedEvent('t1', own))).rejects.toBeInstanceOf(
      RubricNotHeldError,
    );
  });
});

describe('reviews and re-scores', () => {
  const v1 = Playbook.parse({ ...library, id: 'acme-billing', version: '1.0.0' });
  // 1.1.0 keys the first sjt item the other way round.
  const v2 = Playbook.parse({
    ...v1,
    version: '1.1.0',
    items: v1.items.map((i, idx) =>
      idx === v1.items.findIndex((x) => x.type === 'sjt') && i.type === 'sjt'
        ? { ...i, key: { best: i.key.worst, worst: i.key.best } }
        : i,
    ),
  });
  let sessionId: string;

  beforeAll(async () => {
    for (const p of [v1, v2]) {
      await store.recordRubric('t2', {
        playbookId: p.id,
        version: p.version,
        hash: playbookHash(p),
        recordedAt: '2026-11-23T00:00:00.000Z',
        sourceEventId: `ev-${p.version}`,
        playbook: JSON.parse(JSON.stringify(p)) as Record<string, unknown>,
      });
    }
    const event = submittedEvent('t2', v1);
    sessionId = event.data.sessionId;
    await scoreSubmission(store, event);
  });

  it('overrides one item with a reason, keeps history and recomputes the totals', async () => {
    const before = (await store.getCard('t2', sessionId))!;
    const written = Object.entries(before.card.items).find(([, i]) => i.type === 'written')!;
    const view = await reviewItem(
      store,
      't2',
      sessionId,
      { itemId: written[0], score: written[1].max, reason: 'clear, kind and correct' },
      'key-1',
      ctx('t2'),
    );
    expect(view.revision).toBe(1);
    expect(view.scorecard.items[written[0]]!.score).toBe(written[1].max);
    expect(view.scorecard.total).toBeGreaterThan(before.card.total);
    expect(view.history.at(-1)).toMatchObject({ kind: 'review', reviewer: 'key-1', from: 0 });
    expect(view.overrides[written[0]]).toMatchObject({ reviewer: 'key-1' });
    // Deterministic: the same overrides on the same engine card give the same card.
    expect(applyOverrides(before.engineCard, { ...v1 }, view.overrides)).toEqual(view.scorecard);
    const revised = await outbox('t2', 'score.revised');
    expect(revised.at(-1)!.data).toMatchObject({ kind: 'review', revision: 1 });
  });

  it.each([
    [{ itemId: 'nope', score: 1, reason: 'r' }, 'body/itemId'],
    [{ itemId: 'PLACEHOLDER', score: 99, reason: 'r' }, 'body/score'],
  ])('refuses %j naming the field', async (body, pointer) => {
    const card = (await store.getCard('t2', sessionId))!;
    const itemId = body.itemId === 'PLACEHOLDER' ? Object.keys(card.card.items)[0]! : body.itemId;
    const err = await reviewItem(store, 't2', sessionId, { ...body, itemId }, 'k', ctx('t2')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HttpProblem);
    expect((err as HttpProblem).errors?.[0]?.pointer).toBe(pointer);
  });

  it('re-scores against the newer version with a per-item diff', async () => {
    const result = await rescoreSession(store, 't2', sessionId, {}, 'key-2', ctx('t2'));
    const sjt = v1.items.find((i) => i.type === 'sjt')!.id;
    expect(result.diff.fromVersion).toBe('1.0.0');
    expect(result.diff.toVersion).toBe('1.1.0');
    const changed = result.diff.items.filter((d) => d.delta !== 0);
    expect(changed.map((d) => d.itemId)).toContain(sjt);
    expect(result.diff.items.find((d) => d.itemId === sjt)).toMatchObject({
      before: { score: 2 },
      after: { score: 0 },
    });
    expect(result.playbook).toEqual({
      id: 'acme-billing',
      version: '1.1.0',
      hash: playbookHash(v2),
    });
    expect(result.overrides).toEqual({});
    expect(result.history.at(-1)).toMatchObject({
      kind: 'rescore',
      clearedOverrides: [expect.any(String)],
    });
    const again = await rescoreSession(store, 't2', sessionId, {}, 'key-2', ctx('t2')).catch(
      (e: unknown) => e,
    );
    expect((again as HttpProblem).errors?.[0]?.pointer).toBe('body/version');
  });

  it('diffs item by item', () => {
    const a = score(library, {});
    expect(diffCards(a, a).every((d) => d.delta === 0)).toBe(true);
  });
});

describe('interviews', () => {
  let sessionId: string;
  const questions = library.interview!.questions.map((q) => q.id);
  const ratings = (r: number[]) =>
    Object.fromEntries(questions.map((id, i) => [id, { rating: r[i] ?? 3, notes: `said ${id}` }]));

  beforeAll(async () => {
    const event = submittedEvent('t3', library);
    sessionId = event.data.sessionId;
    await scoreSubmission(store, event);
  });

  it('aggregates interviewers with a disagreement flag and a combined score', async () => {
    expect(questions).toHaveLength(7);
    await submitInterview(
      store,
      't3',
      sessionId,
      { interviewer: 'ann', ratings: ratings([5, 4]) },
      'k',
      ctx('t3'),
    );
    const second = await submitInterview(
      store,
      't3',
      sessionId,
      { interviewer: 'bob', ratings: ratings([2, 4]), weights: { assessment: 50, interview: 50 } },
      'k',
      ctx('t3'),
    );
    expect(second.aggregate.interviewers).toBe(2);
    expect(second.aggregate.questions[questions[0]!]).toEqual({
      mean: 3.5,
      min: 2,
      max: 5,
      disagreement: true,
    });
    expect(second.aggregate.questions[questions[1]!]!.disagreement).toBe(false);
    // means: 3.5, 4, then 3 × 5 → (2.5/4 + 3/4 + 5 · 2/4) / 7 · 100 = 55.4
    expect(second.aggregate.score).toBe(55.4);
    expect(second.combined.score).toBeCloseTo((second.combined.assessment + 55.4) / 2, 1);
    expect(await outbox('t3', 'interview.submitted')).toHaveLength(2);
  });

  it('refuses a missing rating or note, naming the question', async () => {
    const partial = ratings([]);
    delete partial[questions[6]!];
    const err = await submitInterview(
      store,
      't3',
      sessionId,
      { interviewer: 'cy', ratings: partial },
      'k',
      ctx('t3'),
    ).catch((e: unknown) => e);
    expect((err as HttpProblem).errors?.[0]?.pointer).toBe(`body/ratings/${questions[6]}`);
  });
});

describe('rubric versions', () => {
  it('lists every version held, beyond one 1 MB query page of whole playbooks', async () => {
    const count = 25; // ~57 KB each: more than one page
    for (let minor = 0; minor < count; minor++) {
      const version = `1.${minor}.0`;
      const stored = await store.recordRubric('t-many', {
        playbookId: 'many',
        version,
        hash: playbookHash({ ...library, version }),
        recordedAt: '2026-11-23T10:00:00.000Z',
        sourceEventId: `ev-${minor}`,
        playbook: { ...library, version } as unknown as Record<string, unknown>,
      });
      expect(stored).toBe(true);
    }
    const versions = await store.listRubricVersions('t-many', 'many');
    expect(versions).toHaveLength(count);
    expect(new Set(versions.map((v) => v.version)).size).toBe(count);
  });
});
