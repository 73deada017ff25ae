import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import {
  dynamoClient,
  outboxEntryFromImage,
  tableName,
  TenantRegistry,
  type OutboxEntry,
} from '@assay/platform';
import type { LocalStack } from '@assay/local';
import { scoringService } from '@assay/service-scoring';
import { sessionService } from '@assay/service-session';
import { apiClient } from '../support/api-client';
import { answerEveryItem } from '../support/answers';
import { startTestStack } from '../support/stack';

// The whole results path over real HTTP on the local stack: a tenant publishes a playbook, a
// candidate takes and submits it, scoring scores it, a reviewer overrides an item, a newer
// version re-scores it, two interviewers rate it, reporting builds the report from events, and
// the audit chain records and verifies every step. Then every event is delivered again, and a
// copy of the session's events arrives in reverse order: results do not move.

type Problem = { type: string; status: number; errors?: { pointer: string }[] };
type Item = {
  id: string;
  type: string;
  options?: { id: string }[];
  response?: { kind: string; options?: { id: string }[] };
};
type Card = {
  revision: number;
  scorecard: {
    total: number;
    band: string;
    items: Record<string, { type: string; score: number; max: number }>;
  };
  history: { kind: string }[];
};
type Report = {
  sessionId: string;
  status: string;
  total: number;
  band: string;
  revision: number;
  items: { id: string; evidence: unknown[] }[];
  reviews: { kind: string }[];
  interview: { interviewers: unknown[]; disagreement: boolean; combined: { score: number } };
  submission: { signals: { focusLost: number } };
};
type Audit = { items: { seq: number; entry: { type: string; eventId: string } }[] };

const PLAYBOOK = 'acme-billing';

let stack: LocalStack;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;
let sessionId: string;
let assessmentId: string;

beforeAll(async () => {
  stack = await startTestStack();
  api = apiClient(stack.url, stack.demo.apiKey);
  const registry = new TenantRegistry(dynamoClient());
  const tenantB = await registry.createTenant('Other Clinic');
  other = apiClient(stack.url, (await registry.createApiKey(tenantB.tenantId, ['admin'])).apiKey);
});

afterAll(async () => {
  await stack?.stop();
});

async function outbox(table: string): Promise<OutboxEntry[]> {
  const out = await dynamoClient().send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': `T#${stack.demo.tenantId}#OUTBOX` }),
    }),
  );
  return (out.Items ?? []).map((i) => outboxEntryFromImage(i)!);
}

/** Every event about the session, in the order they were produced. */
async function sessionEvents(id: string): Promise<OutboxEntry[]> {
  const all = [
    ...(await outbox(tableName(sessionService.table))),
    ...(await outbox(tableName(scoringService.table))),
  ];
  return all
    .filter((e) => (e.detail.data as { sessionId?: string }).sessionId === id)
    .sort((a, b) => ((a.detail.eventId as string) < (b.detail.eventId as string) ? -1 : 1));
}

function redeliver(entries: OutboxEntry[]) {
  const result = stack.bus.putEvents(
    entries.map((e) => ({
      Source: e.source,
      DetailType: e.detailType,
      Detail: JSON.stringify(e.detail),
    })),
  );
  expect(result.FailedEntryCount).toBe(0);
}

async function settled<T>(read: () => Promise<T>, until: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 40 && !until(value); i++) {
    await stack.settle();
    value = await read();
  }
  return value;
}

describe('publish, take and score', () => {
  it('publishes a tenant playbook and takes it', async () => {
    expect(
      (await api.post('/v1/playbooks', { cloneFrom: 'medical-billing-specialist', id: PLAYBOOK }))
        .status,
    ).toBe(201);
    expect((await api.post(`/v1/playbooks/${PLAYBOOK}/publish`)).status).toBe(201);
    await stack.settle();
    const asm = await api.post<{ id: string }>('/v1/assessments', { playbook: { id: PLAYBOOK } });
    expect(asm.status).toBe(201);
    assessmentId = asm.json.id;
    const inv = await api.post<{ token: string }>(`/v1/assessments/${assessmentId}/invitations`, {
      candidate: { name: 'Ana Lima', email: 'ana@example.com' },
    });
    const candidate = apiClient(stack.url, inv.json.token);
    const started = await candidate.post<{ id: string; form: { items: Item[] } }>(
      `/v1/take/${inv.json.token}/start`,
    );
    sessionId = started.json.id;
    await answerEveryItem(
      candidate,
      sessionId,
      started.json.form.items,
      'Dear Ms. Smith, I reviewed your bill and the amount was applied to your deductible. Kind regards',
    );
    await candidate.post(`/v1/sessions/${sessionId}/signals`, {
      signals: [{ kind: 'focus-lost', at: new Date().toISOString() }],
    });
    expect((await candidate.post(`/v1/sessions/${sessionId}/submit`)).status).toBe(200);
  });

  it('dead-letters a submission whose pinned hash is not the version it names', async () => {
    const submitted = (await sessionEvents(sessionId)).find(
      (e) => e.detailType === 'session.submitted',
    )!;
    const forgedId = `ses_${ulid()}`;
    const data = submitted.detail.data as { playbook: Record<string, string> };
    redeliver([
      {
        ...submitted,
        detail: {
          ...submitted.detail,
          eventId: ulid(),
          data: {
            ...data,
            sessionId: forgedId,
            playbook: { ...data.playbook, hash: `sha256:${'0'.repeat(64)}` },
          },
        },
      },
    ]);
    await expect
      .poll(
        async () => {
          await stack.settle();
          return stack.bus
            .deadLetters()
            .filter(
              (d) =>
                (d.event.detail as { data: { sessionId: string } }).data.sessionId === forgedId,
            )
            .map((d) => [d.ruleName, d.errorMessage.includes('hashes to')]);
        },
        { timeout: 20_000, interval: 200 },
      )
      .toEqual([['scoring.scoreSession', true]]);
    expect((await api.get(`/v1/sessions/${forgedId}/scorecard`)).status).toBe(404);
  });

  it('scores the session with the pinned version', async () => {
    const card = await settled(
      () => api.get<Card>(`/v1/sessions/${sessionId}/scorecard`),
      (r) => r.status === 200,
    );
    expect(card.status).toBe(200);
    expect(card.json).toMatchObject({
      revision: 0,
      playbook: { id: PLAYBOOK, version: '1.0.0' },
      history: [{ kind: 'scored' }],
    });
    expect(card.json.scorecard.total).toBeGreaterThan(0);
    expect((await other.get(`/v1/sessions/${sessionId}/scorecard`)).status).toBe(404);
    const computed = (await sessionEvents(sessionId)).filter(
      (e) => e.detailType === 'score.computed',
    );
    expect(computed).toHaveLength(1);
  });
});

describe('review, re-score and interview', () => {
  it('overrides one item with a reason and the reviewer key', async () => {
    const before = (await api.get<Card>(`/v1/sessions/${sessionId}/scorecard`)).json;
    const [itemId, item] = Object.entries(before.scorecard.items).find(
      ([, i]) => i.type === 'written' && i.score < i.max,
    )!;
    const bad = await api.post<Problem>(`/v1/sessions/${sessionId}/reviews`, {
      itemId,
      score: item.max + 1,
      reason: 'x',
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors?.[0]?.pointer).toBe('body/score');
    const noReason = await api.post<Problem>(`/v1/sessions/${sessionId}/reviews`, {
      itemId,
      score: 1,
    });
    expect(noReason.json.errors?.[0]?.pointer).toBe('body/reason');
    expect(
      (await other.post(`/v1/sessions/${sessionId}/reviews`, { itemId, score: 0, reason: 'x' }))
        .status,
    ).toBe(404);
    const res = await api.post<Card & { overrides: Record<string, { reviewer: string }> }>(
      `/v1/sessions/${sessionId}/reviews`,
      { itemId, score: item.max, reason: 'Answer is correct in substance' },
    );
    expect(res.status).toBe(200);
    expect(res.json.revision).toBe(1);
    expect(res.json.scorecard.items[itemId]!.score).toBe(item.max);
    expect(res.json.overrides[itemId]!.reviewer).toMatch(/^[a-z0-9]+$/);
  });

  it('re-scores against a newer published version with a per-item diff', async () => {
    const read = await api.get<{ draft: { content: { items: Record<string, unknown>[] } } }>(
      `/v1/playbooks/${PLAYBOOK}`,
    );
    const draft = read.json.draft;
    // 1.1.0 moves one number item's key onto or off the candidate's answer (350).
    const detail = draft.content.items.find(
      (i) => i.type === 'detail' && (i.response as { kind: string }).kind === 'number',
    ) as { id: string; response: { key: number } };
    detail.response.key = detail.response.key === 350 ? 351 : 350;
    const put = await api.request('PUT', `/v1/playbooks/${PLAYBOOK}/draft`, draft, {
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(put.status).toBe(200);
    const published = await api.post<{ version: string }>(`/v1/playbooks/${PLAYBOOK}/publish`);
    expect(published.json.version, published.text).toBe('1.1.0');
    await stack.settle();
    const res = await api.post<
      Card & { diff: { toVersion: string; items: { itemId: string; delta: number }[] } }
    >(`/v1/sessions/${sessionId}/rescore`);
    expect(res.status).toBe(200);
    expect(res.json.revision).toBe(2);
    expect(res.json.diff.toVersion).toBe('1.1.0');
    expect(res.json.diff.items.find((d) => d.itemId === detail.id)!.delta).not.toBe(0);
    const again = await api.post<Problem>(`/v1/sessions/${sessionId}/rescore`, {
      version: '1.0.0',
    });
    expect(again.status).toBe(422);
    expect(again.json.errors?.[0]?.pointer).toBe('body/version');
  });

  it('records two interviewers, flags disagreement and combines the scores', async () => {
    const guide = await api.get<{ interview: { questions: { id: string }[] } }>(
      `/v1/playbooks/${PLAYBOOK}/versions/1.1.0`,
    );
    const questions = guide.json.interview?.questions.map((q) => q.id) ?? [];
    expect(questions).toHaveLength(7);
    const ratings = (first: number) =>
      Object.fromEntries(
        questions.map((id, i) => [
          id,
          { rating: i === 0 ? first : 3, notes: 'Gave a concrete example' },
        ]),
      );
    const missing = await api.post<Problem>(`/v1/sessions/${sessionId}/interviews`, {
      interviewer: 'ann',
      ratings: { [questions[0]!]: { rating: 6, notes: 'x' } },
    });
    expect(missing.status).toBe(422);
    expect(missing.json.errors?.[0]?.pointer).toBe(`body/ratings/${questions[0]}/rating`);
    expect(
      (
        await api.post(`/v1/sessions/${sessionId}/interviews`, {
          interviewer: 'ann',
          ratings: ratings(5),
        })
      ).status,
    ).toBe(201);
    const second = await api.post<{
      aggregate: { disagreement: boolean };
      combined: { score: number };
    }>(`/v1/sessions/${sessionId}/interviews`, {
      interviewer: 'bob',
      ratings: ratings(2),
      weights: { assessment: 70, interview: 30 },
    });
    expect(second.status).toBe(201);
    expect(second.json.aggregate.disagreement).toBe(true);
  });
});

describe('reports and audit, built from events', () => {
  let report: Report;

  it('reports the current score with evidence, signals, reviews and interviews', async () => {
    const res = await settled(
      () => api.get<Report>(`/v1/reports/sessions/${sessionId}`),
      (r) =>
        r.status === 200 && r.json.revision === 2 && r.json.interview?.interviewers.length === 2,
    );
    report = res.json;
    const card = (await api.get<Card>(`/v1/sessions/${sessionId}/scorecard`)).json;
    expect(report).toMatchObject({
      status: 'scored',
      total: card.scorecard.total,
      band: card.scorecard.band,
      revision: 2,
      submission: { signals: { focusLost: 1 } },
      interview: { disagreement: true },
    });
    expect(report.reviews.map((r) => r.kind)).toEqual(['scored', 'review', 'rescore']);
    expect(report.items.every((i) => i.evidence.length > 0)).toBe(true);
    expect(JSON.stringify(report)).not.toContain('ana@example.com');
    const html = await api.get(`/v1/reports/sessions/${sessionId}`, {
      headers: { accept: 'text/html' },
    });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.text).toContain('<svg');
    expect(html.text).toContain('@media print');
    expect((await other.get(`/v1/reports/sessions/${sessionId}`)).status).toBe(404);
  });

  it('ranks the cohort, as JSON and CSV', async () => {
    const res = await api.get<{
      candidates: number;
      ranking: { sessionId: string }[];
      warning: string;
    }>(`/v1/reports/assessments/${assessmentId}`);
    expect(res.json.candidates).toBe(1);
    expect(res.json.ranking[0]!.sessionId).toBe(sessionId);
    expect(res.json.warning).toMatch(/unstable/);
    const csv = await api.get(`/v1/reports/assessments/${assessmentId}`, {
      headers: { accept: 'text/csv' },
    });
    expect(csv.text.split('\r\n')[1]).toContain(sessionId);
    expect(
      (
        await api.request('PUT', `/v1/reports/sessions/${sessionId}/demographics`, {
          categories: { group: 'a' },
        })
      ).status,
    ).toBe(200);
    const impact = await api.get<{ groups: { category: string; rate: number }[]; unknown: number }>(
      `/v1/reports/assessments/${assessmentId}/adverse-impact?dimension=group&cut=0`,
    );
    expect(impact.json).toMatchObject({ groups: [{ category: 'a', rate: 1 }], unknown: 0 });
  });

  it('audits every step of the session in a chain that verifies', async () => {
    const audit = await api.get<Audit>(`/v1/audit?sessionId=${sessionId}`);
    expect(audit.json.items.map((i) => i.entry.type)).toEqual([
      'session.started',
      'session.submitted',
      'score.computed',
      'score.revised',
      'score.revised',
      'interview.submitted',
      'interview.submitted',
    ]);
    expect((await api.get<{ ok: boolean }>('/v1/audit/verify')).json.ok).toBe(true);
    expect((await other.get<Audit>(`/v1/audit?sessionId=${sessionId}`)).json.items).toEqual([]);
  });

  it('changes nothing when every event is delivered again', async () => {
    const events = await sessionEvents(sessionId);
    redeliver(events);
    await stack.settle();
    expect((await api.get<Report>(`/v1/reports/sessions/${sessionId}`)).json).toEqual(report);
    expect((await api.get<Card>(`/v1/sessions/${sessionId}/scorecard`)).json.revision).toBe(2);
    expect((await api.get<Audit>(`/v1/audit?sessionId=${sessionId}`)).json.items).toHaveLength(7);
    expect((await sessionEvents(sessionId)).length).toBe(events.length);
    expect((await api.get<{ ok: boolean }>('/v1/audit/verify')).json.ok).toBe(true);
  });

  it('builds the same report when the events arrive in reverse order', async () => {
    // A copy of the session's events under a new session id (fresh event ids), newest first.
    const copyId = `ses_${ulid()}`;
    const copies = (await sessionEvents(sessionId)).reverse().map((e) => ({
      ...e,
      detail: {
        ...e.detail,
        eventId: ulid(),
        data: { ...(e.detail.data as object), sessionId: copyId },
      },
    }));
    for (const e of copies) {
      redeliver([e]);
      await stack.bus.idle();
    }
    const copy = await settled(
      () => api.get<Report>(`/v1/reports/sessions/${copyId}`),
      (r) => r.status === 200 && r.json.revision === 2,
    );
    expect(copy.json).toEqual({ ...report, sessionId: copyId });
  });
});
