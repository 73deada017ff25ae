import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { candidateErasureRequested, ERASURE_SERVICES } from '@assay/events';
import type { LocalStack } from '@assay/local';
import { allTables, serviceTables, services } from '@assay/manifests';
import { dynamoClient, tableName, TenantRegistry } from '@assay/platform';
import { apiClient } from '../support/api-client';
import { answerEveryItem } from '../support/answers';
import { startTestStack } from '../support/stack';

// Candidate erasure over real HTTP on the local stack: a candidate takes an assessment that is
// scored, reviewed, interviewed, reported, audited and delivered to a webhook receiver; then
// `DELETE /v1/candidates/{email}` runs through every service, and a scan of every table of the
// stage finds none of the candidate's name, email, external id or written answer while the
// audit chain still verifies.

type Item = {
  id: string;
  type: string;
  options?: { id: string }[];
  response?: { options?: { id: string }[] };
};
type Erasure = {
  erasureId: string;
  status: 'pending' | 'complete';
  invitationIds: string[];
  sessionIds: string[];
  services: { service: string; status: string; counts: Record<string, number> }[];
};
type Problem = { type: string; status: number; detail: string };

/** Marks that exist nowhere but in this candidate's data. */
const NAME = 'Zelda Quartermain-Okonkwo';
const EMAIL = 'Zelda.Quartermain@Example.ORG';
const EXTERNAL_ID = 'ATS-PRIV-93417';
const ANSWER_MARK = 'zanzibar-quokka-77331';
const NOTES_MARK = 'interview-note-marmalade-5512';
const REVIEW_MARK = 'review-reason-pelican-2203';

let stack: LocalStack;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;
let receiver: Server;
let receiverUrl = '';
let assessmentId: string;

beforeAll(async () => {
  stack = await startTestStack();
  api = apiClient(stack.url, stack.demo.apiKey);
  const registry = new TenantRegistry(dynamoClient());
  const tenantB = await registry.createTenant('Other Clinic');
  other = apiClient(stack.url, (await registry.createApiKey(tenantB.tenantId, ['admin'])).apiKey);
  // An integration that echoes the candidate back in its response (as some ATSs do).
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end(`stored result for ${NAME} <${EMAIL}>`));
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const asm = await api.post<{ id: string }>('/v1/assessments', {
    playbook: { id: 'medical-billing-specialist' },
  });
  expect(asm.status).toBe(201);
  assessmentId = asm.json.id;
});

afterAll(async () => {
  await stack?.stop();
  await new Promise((done) => receiver?.close(done));
});

async function settled<T>(read: () => Promise<T>, until: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 60 && !until(value); i++) {
    await stack.settle();
    value = await read();
  }
  return value;
}

let invitation: { id: string; retainUntil: string };

/** Every item of every table of a service (its extra tables, such as session's answers, too). */
const scanService = async (service: string) =>
  (
    await Promise.all(
      serviceTables(services.find((s) => s.name === service)!).map((def) =>
        scanAll(tableName(def)),
      ),
    )
  ).flat();

/** Invites, takes and submits; returns the session id. */
async function takeAssessment(candidate: Record<string, string>): Promise<string> {
  const inv = await api.post<{ token: string; id: string; retainUntil: string }>(
    `/v1/assessments/${assessmentId}/invitations`,
    {
      candidate,
      extraTimePercent: 50,
    },
  );
  expect(inv.status, inv.text).toBe(201);
  invitation = inv.json;
  const taker = apiClient(stack.url, inv.json.token);
  const started = await taker.post<{ id: string; form: { items: Item[] } }>(
    `/v1/take/${inv.json.token}/start`,
  );
  const sessionId = started.json.id;
  await answerEveryItem(
    taker,
    sessionId,
    started.json.form.items,
    `Dear patient, the amount was applied to your deductible. ${ANSWER_MARK}`,
  );
  await taker.post(`/v1/sessions/${sessionId}/signals`, {
    signals: [{ kind: 'paste', at: new Date().toISOString(), itemId: 'x', chars: 12 }],
  });
  expect((await taker.post(`/v1/sessions/${sessionId}/submit`)).status).toBe(200);
  return sessionId;
}

async function scanAll(table: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamoClient().send(
      new ScanCommand({ TableName: table, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every string of every item of every table of this stage (gzipped and raw bytes decoded). */
async function everyStoredText(): Promise<string> {
  const texts: string[] = [];
  const decode = (v: AttributeValue): unknown => {
    if (v.B) {
      try {
        return gunzipSync(v.B).toString('utf8');
      } catch {
        return Buffer.from(v.B).toString('utf8');
      }
    }
    if (v.M) return Object.values(v.M).map(decode);
    if (v.L) return v.L.map(decode);
    return v.S ?? v.N ?? v.SS ?? null;
  };
  for (const def of allTables) {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamoClient().send(
        new ScanCommand({ TableName: tableName(def), ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? [])
        texts.push(JSON.stringify(Object.values(item).map(decode)));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return texts.join('\n');
}

const MARKS = [NAME, EMAIL, EMAIL.toLowerCase(), EXTERNAL_ID, ANSWER_MARK, NOTES_MARK, REVIEW_MARK];

describe('the erasure contract', () => {
  it('is confirmed by exactly the services that subscribe to the request', () => {
    const subscribers = services
      .filter((s) => s.subscribes.some((sub) => sub.event.type === candidateErasureRequested.type))
      .map((s) => s.name)
      .sort();
    expect(subscribers).toEqual([...ERASURE_SERVICES].sort());
  });
});

describe('erasing a candidate everywhere', () => {
  let sessionId: string;
  let erasure: Erasure;

  it('takes a session through scoring, review, interview, report, audit and webhook', async () => {
    const endpoint = await api.post('/v1/webhooks/endpoints', {
      url: receiverUrl,
      types: ['session.submitted', 'score.computed', 'score.revised'],
    });
    expect(endpoint.status, endpoint.text).toBe(201);
    sessionId = await takeAssessment({ name: NAME, email: EMAIL, externalId: EXTERNAL_ID });
    const card = await settled(
      () =>
        api.get<{ scorecard: { items: Record<string, { max: number }> } }>(
          `/v1/sessions/${sessionId}/scorecard`,
        ),
      (r) => r.status === 200,
    );
    expect(card.status).toBe(200);
    const [itemId] = Object.keys(card.json.scorecard.items);
    const review = await api.post(`/v1/sessions/${sessionId}/reviews`, {
      itemId,
      score: 0,
      reason: REVIEW_MARK,
    });
    expect(review.status, review.text).toBe(200);
    const guide = await api.get<{ interview: { questions: { id: string }[] } }>(
      '/v1/playbooks/medical-billing-specialist/versions/1.0.0',
    );
    const questions = guide.json.interview.questions.map((q) => q.id);
    const interview = await api.post(`/v1/sessions/${sessionId}/interviews`, {
      interviewer: 'panel-1',
      ratings: Object.fromEntries(questions.map((id) => [id, { rating: 4, notes: NOTES_MARK }])),
    });
    expect(interview.status, interview.text).toBe(201);
    await settled(
      () => api.get<{ revision: number }>(`/v1/reports/sessions/${sessionId}`),
      (r) => r.status === 200 && r.json.revision >= 1,
    );
    const demo = await api.request('PUT', `/v1/reports/sessions/${sessionId}/demographics`, {
      categories: { group: 'a' },
    });
    expect(demo.status).toBe(200);
    const deliveries = await settled(
      () =>
        api.get<{ items: { status: string; history: { response: string }[] }[] }>(
          '/v1/webhooks/deliveries',
        ),
      (r) => r.json.items.filter((d) => d.status === 'succeeded').length >= 3,
    );
    expect(deliveries.json.items[0]!.history[0]!.response).toContain(NAME);
    // The reviewer's view of the session: answers and signals, never the accommodation.
    const view = await api.get<Record<string, unknown>>(`/v1/sessions/${sessionId}`);
    expect(view.status).toBe(200);
    expect(view.json).toMatchObject({ id: sessionId, status: 'submitted', erasedAt: null });
    expect(JSON.stringify(view.json.answers)).toContain(ANSWER_MARK);
    expect(view.json.signals).toMatchObject({ pastes: 1, pastedChars: 12 });
    expect(JSON.stringify(view.json)).not.toMatch(/deadline|closesAt|extraTime/);
    expect((await other.get(`/v1/sessions/${sessionId}`)).status).toBe(404);
    // Every item holding the candidate's data expires with the tenant's retention.
    const ttl = Math.floor(Date.parse(invitation.retainUntil) / 1000);
    const t = `T#${stack.demo.tenantId}`;
    const holding = [
      ...(await scanService('session')).filter(
        (i) =>
          String(i.sk).startsWith(`SES#${sessionId}`) ||
          // Answers: the answers table, one partition per session.
          (i.pk === `${t}#SES#${sessionId}` && String(i.sk).startsWith('ANS#')) ||
          i.sk === `INV#${invitation.id}` ||
          (String(i.sk).startsWith('CAND#') && i.invitationId === invitation.id),
      ),
      ...(await scanService('scoring')).filter((i) => String(i.sk).startsWith(`CARD#${sessionId}`)),
      ...(await scanService('reporting')).filter(
        (i) =>
          (i.pk === `${t}#SES#${sessionId}` && String(i.sk).startsWith('FACT#')) ||
          (i.pk === `${t}#DEMO` && i.sk === `SES#${sessionId}`),
      ),
    ];
    const kinds = holding.map((i) => String(i.sk).replace(/[_#].*$/, ''));
    for (const kind of ['SES', 'ANS', 'INV', 'CAND', 'CARD', 'FACT']) expect(kinds).toContain(kind);
    expect(holding.filter((i) => i.ttl !== ttl).map((i) => `${i.pk} ${i.sk}`)).toEqual([]);
    // Before erasing, the marks are all there to be found.
    const before = await everyStoredText();
    for (const mark of [NAME, EXTERNAL_ID, ANSWER_MARK, REVIEW_MARK])
      expect(before).toContain(mark);
  });

  it('answers 202 with a Location, and another tenant can neither erase nor see it', async () => {
    expect(
      (await other.request('DELETE', `/v1/candidates/${encodeURIComponent(EMAIL)}`)).status,
    ).toBe(404);
    const res = await api.request<Erasure>(
      'DELETE',
      `/v1/candidates/${encodeURIComponent('  zelda.QUARTERMAIN@example.org')}`,
    );
    expect(res.status, res.text).toBe(202);
    erasure = res.json;
    expect(res.headers.get('location')).toBe(`/v1/erasures/${erasure.erasureId}`);
    expect(erasure).toMatchObject({ status: 'pending', sessionIds: [sessionId] });
    expect(res.text).not.toContain('zelda');
    expect((await other.get(`/v1/erasures/${erasure.erasureId}`)).status).toBe(404);
  });

  it('completes once session, scoring and reporting have confirmed', async () => {
    const done = await settled(
      () => api.get<Erasure>(`/v1/erasures/${erasure.erasureId}`),
      (r) => r.json.status === 'complete',
    );
    expect(done.json.status).toBe('complete');
    expect(done.json.services.map((s) => [s.service, s.status])).toEqual(
      ERASURE_SERVICES.map((s) => [s, 'complete']),
    );
    const counts = Object.fromEntries(done.json.services.map((s) => [s.service, s.counts]));
    expect(counts.session!.answers).toBeGreaterThan(0);
    expect(counts.scoring).toMatchObject({ scorecards: 1, interviews: 1 });
    expect(counts.reporting!.auditEntries).toBeGreaterThan(0);
    expect(counts.reporting!.webhookDeliveries).toBeGreaterThan(0);
  });

  it('leaves none of the candidate in any table, while the audit chain verifies', async () => {
    await stack.settle();
    const after = await everyStoredText();
    // Each mark found, with a little context (not the whole table) to say where.
    const found = MARKS.flatMap((mark) => {
      const at = after.indexOf(mark);
      return at < 0 ? [] : [`${mark}: …${after.slice(Math.max(0, at - 300), at + 60)}…`];
    });
    expect(found).toEqual([]);
    const verify = await api.get<{ ok: boolean; entries: number }>('/v1/audit/verify');
    expect(verify.json).toMatchObject({ ok: true });
    const audit = await api.get<{ items: { entry: Record<string, unknown> }[] }>(
      `/v1/audit?sessionId=${sessionId}`,
    );
    expect(audit.json.items.length).toBeGreaterThan(0);
    for (const { entry } of audit.json.items)
      expect(entry).toMatchObject({ erased: true, erasureId: erasure.erasureId });
    // Shells stay so counts add up; the candidate and answers are gone.
    const view = await api.get<Record<string, unknown>>(`/v1/sessions/${sessionId}`);
    expect(view.json).toMatchObject({
      status: 'submitted',
      answers: {},
      erasedAt: expect.any(String),
    });
    const invitations = await api.get<{ items: { candidate: { name: string } }[] }>(
      `/v1/assessments/${assessmentId}/invitations`,
    );
    expect(invitations.json.items.map((i) => i.candidate.name)).toContain('[erased]');
    const report = await api.get<{ total: number }>(`/v1/reports/sessions/${sessionId}`);
    expect(report.status).toBe(200);
    expect(typeof report.json.total).toBe('number');
    // The scorecard is closed to further reviews.
    const late = await api.post<Problem>(`/v1/sessions/${sessionId}/reviews`, {
      itemId: 'x',
      score: 0,
      reason: 'again',
    });
    expect(late.status).toBe(409);
  });

  it('answers a repeated DELETE (by email or external id) with the same erasure', async () => {
    for (const candidate of [EMAIL, EXTERNAL_ID]) {
      const again = await api.request<Erasure>(
        'DELETE',
        `/v1/candidates/${encodeURIComponent(candidate)}`,
      );
      expect(again.status).toBe(202);
      expect(again.json.erasureId).toBe(erasure.erasureId);
    }
  });
});

describe('other requests', () => {
  it('erases by external id, and a dead link stops working', async () => {
    const inv = await api.post<{ token: string; id: string }>(
      `/v1/assessments/${assessmentId}/invitations`,
      { candidate: { name: 'Ext Only', email: 'ext.only@example.org', externalId: 'HR 55/7' } },
    );
    const res = await api.request<Erasure>(
      'DELETE',
      `/v1/candidates/${encodeURIComponent('HR 55/7')}`,
    );
    expect(res.status, res.text).toBe(202);
    expect(res.json.invitationIds).toEqual([inv.json.id]);
    expect(res.json.sessionIds).toEqual([]);
    const take = await apiClient(stack.url, inv.json.token).get<Problem>(
      `/v1/take/${inv.json.token}`,
    );
    expect(take.status).toBe(410);
  });

  it('answers 404 for a candidate never invited, without echoing it', async () => {
    const res = await api.request<Problem>('DELETE', '/v1/candidates/nobody%40example.org');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.detail).not.toContain('nobody');
  });

  it('keeps the retention setting per tenant (default 24 months) and stamps new invitations', async () => {
    expect((await api.get('/v1/settings/retention')).json).toEqual({ retentionMonths: 24 });
    const put = await api.request('PUT', '/v1/settings/retention', { retentionMonths: 6 });
    expect(put.status, put.text).toBe(200);
    expect((await other.get('/v1/settings/retention')).json).toEqual({ retentionMonths: 24 });
    const bad = await api.request<{ errors: { pointer: string }[] }>(
      'PUT',
      '/v1/settings/retention',
      { retentionMonths: 0 },
    );
    expect(bad.status).toBe(422);
    const inv = await api.post<{ createdAt: string; retainUntil: string }>(
      `/v1/assessments/${assessmentId}/invitations`,
      { candidate: { name: 'Short Stay', email: 'short@example.org' } },
    );
    const created = new Date(inv.json.createdAt);
    created.setUTCMonth(created.getUTCMonth() + 6);
    expect(inv.json.retainUntil).toBe(created.toISOString());
  });
});
