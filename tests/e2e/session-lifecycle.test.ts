import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { dynamoClient, outboxEntryFromImage, tableName, TenantRegistry } from '@assay/platform';
import type { LocalStack } from '@assay/local';
import { sessionService } from '@assay/service-session';
import { apiClient } from '../support/api-client';
import { startTestStack } from '../support/stack';

// Assessments, invitations and one candidate's session over real HTTP on the whole local stack:
// the candidate token reaches only its own session, writes race by sequence number, submit is
// idempotent, and the deadline's schedule submits a session nobody submitted.

type Problem = { type: string; status: number; detail: string; errors?: { pointer: string }[] };
type Assessment = {
  id: string;
  itemCount: number;
  timeLimitMinutes: number;
  sampling: Record<string, number>;
};
type Invitation = {
  id: string;
  token: string;
  link: string;
  status: string;
  sessionId: string | null;
};
type Session = {
  id: string;
  status: string;
  deadline: string;
  startedAt: string;
  form: { items: { id: string; type: string; options?: { id: string }[] }[] };
  answers: Record<string, { answer: unknown; seq: number }>;
};

let stack: LocalStack;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;
let assessment: Assessment;

beforeAll(async () => {
  // Short grace so the time-out path runs in seconds (30 s in production).
  process.env.ASSAY_SESSION_GRACE_SECONDS = '1';
  stack = await startTestStack();
  api = apiClient(stack.url, stack.demo.apiKey);
  const registry = new TenantRegistry(dynamoClient());
  const tenantB = await registry.createTenant('Other Clinic');
  other = apiClient(stack.url, (await registry.createApiKey(tenantB.tenantId, ['admin'])).apiKey);
  const created = await api.post<Assessment>('/v1/assessments', {
    playbook: { id: 'medical-billing-specialist' },
    sampling: { detail: 4 },
  });
  expect(created.status).toBe(201);
  assessment = created.json;
});

afterAll(async () => {
  await stack?.stop();
  delete process.env.ASSAY_SESSION_GRACE_SECONDS;
});

async function invite(body: Record<string, unknown> = {}): Promise<Invitation> {
  const res = await api.post<Invitation>(`/v1/assessments/${assessment.id}/invitations`, {
    candidate: { name: 'Ana Lima', email: 'ana@example.com', externalId: 'ats-42' },
    ...body,
  });
  expect(res.status).toBe(201);
  return res.json;
}

const as = (token: string) => apiClient(stack.url, token);

async function sessionEvents(type: string): Promise<Record<string, unknown>[]> {
  const out = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(sessionService.table),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': `T#${stack.demo.tenantId}#OUTBOX` }),
    }),
  );
  return (out.Items ?? [])
    .map((i) => outboxEntryFromImage(i)!)
    .filter((e) => e.detailType === type)
    .map((e) => e.detail);
}

describe('assessments and invitations', () => {
  it('pins a library playbook with its sampling and default time limit', async () => {
    expect(assessment).toMatchObject({
      timeLimitMinutes: 30,
      sampling: { judgment: 6, detail: 4, written: 3, procedure: 4 },
      itemCount: 17,
      playbook: { id: 'medical-billing-specialist', version: expect.any(String) },
    });
    expect((await api.get(`/v1/assessments/${assessment.id}`)).json).toEqual(assessment);
    const list = await api.get<{ items: Assessment[] }>('/v1/assessments');
    expect(list.json.items.map((a) => a.id)).toContain(assessment.id);
    expect((await other.get<Problem>(`/v1/assessments/${assessment.id}`)).status).toBe(404);
  });

  it.each([
    [{ playbook: { id: 'no-such-playbook' } }, 'body/playbook'],
    [
      { playbook: { id: 'medical-billing-specialist' }, sampling: { detail: 99 } },
      'body/sampling/detail',
    ],
    [
      { playbook: { id: 'medical-billing-specialist' }, timeLimitMinutes: 0 },
      'body/timeLimitMinutes',
    ],
  ])('refuses %j naming the field', async (body, pointer) => {
    const res = await api.post<Problem>('/v1/assessments', body);
    expect(res.status).toBe(422);
    expect(res.json.errors?.map((e) => e.pointer)).toContain(pointer);
  });

  it('invites with a link and lists invitations, never the token', async () => {
    const inv = await invite();
    expect(inv.token).toMatch(/^ct_/);
    expect(inv.link).toBe(`${stack.url}/take/${inv.token}`);
    const list = await api.get<{ items: Record<string, unknown>[] }>(
      `/v1/assessments/${assessment.id}/invitations`,
    );
    const listed = list.json.items.find((i) => i.id === inv.id);
    expect(listed).toMatchObject({ status: 'invited', candidate: { email: 'ana@example.com' } });
    expect(JSON.stringify(list.json)).not.toContain(inv.token);
    const page = await api.get<{ items: unknown[]; nextCursor: string }>(
      `/v1/assessments/${assessment.id}/invitations?limit=1`,
    );
    expect(page.json.items).toHaveLength(1);
    expect((await other.get(`/v1/assessments/${assessment.id}/invitations`)).status).toBe(404);
  });

  it('refuses an expiry in the past', async () => {
    const res = await api.post<Problem>(`/v1/assessments/${assessment.id}/invitations`, {
      candidate: { name: 'A', email: 'a@example.com' },
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(res.status).toBe(422);
    expect(res.json.errors?.[0]?.pointer).toBe('body/expiresAt');
  });

  it('a revoked invitation answers a clear problem', async () => {
    const inv = await invite();
    expect((await other.request('DELETE', `/v1/invitations/${inv.id}`)).status).toBe(404);
    const revoked = await api.request<{ status: string }>('DELETE', `/v1/invitations/${inv.id}`);
    expect(revoked.json.status).toBe('revoked');
    const take = await as(inv.token).get<Problem>(`/v1/take/${inv.token}`);
    expect(take.status).toBe(410);
    expect(take.json.type).toBe('https://assay.dev/problems/invitation-revoked');
  });
});

describe('a candidate session', () => {
  let inv: Invitation;
  let session: Session;
  let candidate: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    inv = await invite({ extraTimePercent: 50 });
    candidate = as(inv.token);
  });

  it('shows only the outline before the start, and the form without keys after', async () => {
    const before = await candidate.get<{
      session: unknown;
      assessment: { timeLimitMinutes: number };
    }>(`/v1/take/${inv.token}`);
    expect(before.status).toBe(200);
    expect(before.json.session).toBeNull();
    expect(before.json.assessment.timeLimitMinutes).toBe(45);

    const started = await candidate.post<Session>(`/v1/take/${inv.token}/start`);
    expect(started.status).toBe(201);
    session = started.json;
    expect(session.form.items).toHaveLength(17);
    expect(JSON.stringify(session.form)).not.toMatch(/"(key|rationale|effectiveness|criteria)"/);
    const minutes = (Date.parse(session.deadline) - Date.parse(session.startedAt)) / 60_000;
    expect(minutes).toBe(45);

    const again = await candidate.post<Session>(`/v1/take/${inv.token}/start`);
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(session.id);
  });

  it('saves answers by sequence number: an older write never wins', async () => {
    const sjt = session.form.items.find((i) => i.type === 'sjt')!;
    const [a, b, c] = sjt.options!.map((o) => o.id);
    const url = `/v1/sessions/${session.id}/answers/${sjt.id}`;
    const put = (seq: number, answer: unknown) =>
      candidate.request<{ applied: boolean; seq: number }>('PUT', url, { seq, answer });
    expect((await put(2, { best: a, worst: b })).json).toMatchObject({ applied: true, seq: 2 });
    expect((await put(1, { best: c, worst: a })).json).toMatchObject({ applied: false, seq: 2 });
    expect((await put(2, { best: a, worst: b })).json).toMatchObject({ applied: false, seq: 2 });
    const view = await candidate.get<{ session: Session }>(`/v1/take/${inv.token}`);
    expect(view.json.session.answers[sjt.id]).toEqual({ answer: { best: a, worst: b }, seq: 2 });

    const bad = await put(3, { best: a, worst: a });
    expect(bad.status).toBe(422);
    expect((bad.json as unknown as Problem).errors?.[0]?.pointer).toBe('body/answer');
    const unknownItem = await candidate.request('PUT', `/v1/sessions/${session.id}/answers/nope`, {
      seq: 1,
      answer: { text: 'x' },
    });
    expect(unknownItem.status).toBe(404);
  });

  it('a token reaches only its own session', async () => {
    const stranger = await invite();
    const res = await as(stranger.token).request<Problem>(
      'PUT',
      `/v1/sessions/${session.id}/answers/${session.form.items[0]!.id}`,
      { seq: 9, answer: { text: 'x' } },
    );
    expect(res.status).toBe(404);
    expect((await as(stranger.token).post(`/v1/sessions/${session.id}/submit`)).status).toBe(404);
    expect((await apiClient(stack.url).post(`/v1/sessions/${session.id}/submit`)).status).toBe(401);
  });

  it('records signals, submits once, and refuses writes afterwards', async () => {
    const signals = await candidate.post(`/v1/sessions/${session.id}/signals`, {
      signals: [
        { kind: 'focus-lost', at: new Date().toISOString() },
        { kind: 'paste', at: new Date().toISOString(), itemId: 'x', chars: 120 },
      ],
    });
    expect(signals.status).toBe(202);
    const first = await candidate.post<{ reason: string; answered: number }>(
      `/v1/sessions/${session.id}/submit`,
    );
    expect(first.json).toMatchObject({ status: 'submitted', reason: 'candidate', answered: 1 });
    const second = await candidate.post(`/v1/sessions/${session.id}/submit`);
    expect(second.json).toEqual(first.json);
    const late = await candidate.request<Problem>(
      'PUT',
      `/v1/sessions/${session.id}/answers/${session.form.items[0]!.id}`,
      { seq: 10, answer: { text: 'x' } },
    );
    expect(late.status).toBe(409);

    await stack.settle();
    const submitted = (await sessionEvents('session.submitted')).filter(
      (e) => (e.data as { sessionId: string }).sessionId === session.id,
    );
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.data).toMatchObject({
      reason: 'candidate',
      signals: { focusLost: 1, pastes: 1, pastedChars: 120 },
      playbook: { id: 'medical-billing-specialist' },
      form: { itemIds: expect.any(Array) },
    });
    expect(Object.keys((submitted[0]!.data as { answers: object }).answers)).toHaveLength(1);
    const listed = await api.get<{ items: Invitation[] }>(
      `/v1/assessments/${assessment.id}/invitations?limit=100`,
    );
    expect(listed.json.items.find((i) => i.id === inv.id)).toMatchObject({
      status: 'submitted',
      sessionId: session.id,
    });
  });
});

describe('the deadline', () => {
  it('submits a session nobody submitted, by schedule, as time-expired', async () => {
    const short = await api.post<Assessment>('/v1/assessments', {
      playbook: { id: 'medical-billing-specialist' },
      timeLimitMinutes: 0.1,
    });
    const res = await api.post<Invitation>(`/v1/assessments/${short.json.id}/invitations`, {
      candidate: { name: 'Bo', email: 'bo@example.com' },
    });
    const candidate = as(res.json.token);
    const started = await candidate.post<Session>(`/v1/take/${res.json.token}/start`);
    const item = started.json.form.items.find((i) => i.type === 'written')!;
    await candidate.request('PUT', `/v1/sessions/${started.json.id}/answers/${item.id}`, {
      seq: 1,
      answer: { text: 'Dear Ms. Smith' },
    });
    await stack.settle();
    expect((await stack.scheduler.pending()).map((j) => j.id)).toContain(
      `session-${started.json.id}`,
    );

    await expect
      .poll(
        async () => {
          await stack.settle();
          const view = await candidate.get<{ session: Session & { reason: string } }>(
            `/v1/take/${res.json.token}`,
          );
          return view.json.session.status;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe('submitted');
    const events = (await sessionEvents('session.submitted')).filter(
      (e) => (e.data as { sessionId: string }).sessionId === started.json.id,
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      reason: 'time-expired',
      answers: { [item.id]: { text: 'Dear Ms. Smith' } },
    });
    const late = await candidate.request<Problem>(
      'PUT',
      `/v1/sessions/${started.json.id}/answers/${item.id}`,
      { seq: 2, answer: { text: 'late' } },
    );
    expect(late.status).toBe(409);
  });
});
