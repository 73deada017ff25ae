import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { dynamoClient, TenantRegistry } from '@assay/platform';
import { startLocalStack, type LocalStack } from '@assay/local';
import { apiClient } from '../support/api-client';

// Greenhouse's side of the Assessment Partner API, played over real HTTP against the local
// stack: a fake Greenhouse on 127.0.0.1 lists tests, sends one, the candidate takes and submits
// it through the real take flow, Greenhouse polls test_status and receives the completion PATCH
// (which is retried like a webhook). The stack's clock is the test's, so retries come at once.

type Problem = { status: number; errors?: { pointer: string }[] };
type Status = {
  partner_status: string;
  partner_profile_url?: string;
  partner_score?: number;
  metadata?: Record<string, unknown>;
};
type Patch = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

const clock = { current: Date.now(), now: () => new Date(clock.current) };
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** Greenhouse: calls the partner with Basic auth, and takes completion PATCHes. */
class FakeGreenhouse {
  readonly patches: Patch[] = [];
  readonly replies: number[] = [];
  private server: Server | undefined;
  base = '';

  constructor(
    private readonly partner: string,
    private readonly key: string,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.patches.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(this.replies.shift() ?? 200).end();
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server?.close(() => done()) ?? done());
  }

  /** One Greenhouse call to the partner's endpoint `name`. */
  async call<T>(method: string, name: string, body?: unknown, key = this.key) {
    const res = await fetch(`${this.partner}/v1/integrations/greenhouse/${name}`, {
      method,
      headers: {
        authorization: basic(key),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      json: (await res.json()) as T,
    };
  }
}

let stack: LocalStack;
let api: ReturnType<typeof apiClient>;
let greenhouseKey: string;
let otherKey: string;
let greenhouse: FakeGreenhouse;
let assessment: { id: string; title: string };

beforeAll(async () => {
  stack = await startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    stage: `g${randomBytes(4).toString('hex')}`,
    port: 0,
    clock,
  });
  api = apiClient(stack.url, stack.demo.apiKey);
  const registry = new TenantRegistry(dynamoClient());
  // The partner key the tenant gives Greenhouse: an ordinary API key with the write scope.
  greenhouseKey = (await registry.createApiKey(stack.demo.tenantId, ['write'], 'greenhouse'))
    .apiKey;
  const other = await registry.createTenant('Other Agency');
  otherKey = (await registry.createApiKey(other.tenantId, ['write'])).apiKey;
  greenhouse = await new FakeGreenhouse(stack.url, greenhouseKey).start();
  const made = await api.post<{ id: string; title: string }>('/v1/assessments', {
    playbook: { id: 'medical-billing-specialist' },
  });
  expect(made.status, made.text).toBe(201);
  assessment = made.json;
});

afterAll(async () => {
  await greenhouse?.stop();
  await stack?.stop();
});

describe('Greenhouse Assessment Partner API', () => {
  it('refuses calls without a valid partner key as the Basic user name', async () => {
    const none = await fetch(`${stack.url}/v1/integrations/greenhouse/list_tests`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const password = await fetch(`${stack.url}/v1/integrations/greenhouse/list_tests`, {
      headers: { authorization: `Basic ${Buffer.from(`:${greenhouseKey}`).toString('base64')}` },
    });
    expect(password.status).toBe(401);
    const wrong = await greenhouse.call('GET', 'list_tests', undefined, `${greenhouseKey}x`);
    expect(wrong.status).toBe(401);
  });

  it('lists the tenant’s assessments as tests', async () => {
    const res = await greenhouse.call<{ partner_test_id: string; partner_test_name: string }[]>(
      'GET',
      'list_tests',
    );
    expect(res.status).toBe(200);
    expect(res.json).toContainEqual({
      partner_test_id: assessment.id,
      partner_test_name: assessment.title,
    });
    const others = await greenhouse.call<unknown[]>('GET', 'list_tests', undefined, otherKey);
    expect(others.json).toEqual([]);
  });

  it('refuses a send_test with a bad url or candidate, naming the field', async () => {
    const candidate = { first_name: 'Ana', last_name: 'Lima', email: 'ana@example.com' };
    for (const url of ['http://10.0.0.1/take_home_tests/1', 'ftp://127.0.0.1/x', 'not a url']) {
      const res = await greenhouse.call<Problem>('POST', 'send_test', {
        partner_test_id: assessment.id,
        candidate,
        url,
      });
      expect(res.status, url).toBe(422);
      expect(res.json.errors?.[0]?.pointer, url).toBe('body/url');
    }
    const noEmail = await greenhouse.call<Problem>('POST', 'send_test', {
      partner_test_id: assessment.id,
      candidate: { first_name: 'Ana' },
      url: `${greenhouse.base}/take_home_tests/1`,
    });
    expect(noEmail.status).toBe(422);
    expect(noEmail.json.errors?.map((e) => e.pointer)).toContain('body/candidate/email');
    // Another tenant's assessment is not found for this key.
    const foreign = await greenhouse.call<Problem>(
      'POST',
      'send_test',
      { partner_test_id: assessment.id, candidate, url: `${greenhouse.base}/take_home_tests/2` },
      otherKey,
    );
    expect(foreign.status).toBe(404);
  });

  it('sends a test, reports progress, and PATCHes Greenhouse (retried) once it is scored', async () => {
    const completionUrl = `${greenhouse.base}/integrations/testing_partners/take_home_tests/4242`;
    const sendTest = {
      partner_test_id: assessment.id,
      candidate: {
        first_name: 'Harriet',
        last_name: 'Vane',
        email: 'harriet@example.com',
        phone_number: '123-456-7890',
        greenhouse_profile_url: 'https://app.greenhouse.io/people/17681532?application_id=26234709',
      },
      url: completionUrl,
    };
    const sent = await greenhouse.call<{ partner_interview_id: string }>(
      'POST',
      'send_test',
      sendTest,
    );
    expect(sent.status).toBe(200);
    expect(Object.keys(sent.json)).toEqual(['partner_interview_id']);
    const id = sent.json.partner_interview_id;
    expect(id).toMatch(/^inv_[0-9A-HJKMNP-TV-Z]{26}$/);
    // Greenhouse retrying the same send gets the same interview, not a second invitation.
    const again = await greenhouse.call<{ partner_interview_id: string }>(
      'POST',
      'send_test',
      sendTest,
    );
    expect(again.json.partner_interview_id).toBe(id);

    const status = (key?: string) =>
      greenhouse.call<Status & Problem>(
        'GET',
        `test_status?partner_interview_id=${id}`,
        undefined,
        key,
      );
    expect((await status()).json).toEqual({ partner_status: 'invited' });
    expect((await status(otherKey)).status).toBe(404);

    // Assay sends no email: the tenant reads the candidate's link and hands it on.
    const interview = await api.get<{ candidateLink: string; status: string }>(
      `/v1/integrations/greenhouse/interviews/${id}`,
    );
    expect(interview.status, interview.text).toBe(200);
    const token = interview.json.candidateLink.split('/').pop()!;
    const candidate = apiClient(stack.url, token);
    const started = await candidate.post<{ id: string }>(`/v1/take/${token}/start`);
    expect(started.status).toBe(201);
    const sessionId = started.json.id;
    await stack.settle();
    expect((await status()).json).toEqual({ partner_status: 'in_progress' });

    greenhouse.replies.push(503);
    expect((await candidate.post(`/v1/sessions/${sessionId}/submit`)).status).toBe(200);
    await stack.settle();

    // The PATCH: to the url from send_test, the partner key as the Basic user name.
    expect(greenhouse.patches).toHaveLength(1);
    const [patch] = greenhouse.patches;
    expect(patch).toMatchObject({
      method: 'PATCH',
      path: '/integrations/testing_partners/take_home_tests/4242',
    });
    expect(patch!.headers.authorization).toBe(basic(greenhouseKey));
    expect(JSON.parse(patch!.body)).toMatchObject({ partner_status: 'complete' });

    // What Greenhouse then reads from test_status.
    const done = (await status()).json;
    expect(done).toMatchObject({
      partner_status: 'complete',
      partner_profile_url: `${stack.url}/v1/reports/sessions/${sessionId}`,
    });
    expect(done.partner_score).toBeGreaterThanOrEqual(0);
    expect(done.partner_score).toBeLessThanOrEqual(100);
    for (const value of Object.values(done.metadata ?? {}))
      expect(['string', 'number']).toContain(typeof value);
    expect(done.metadata).toMatchObject({ Assessment: assessment.id });
    const report = await api.get(new URL(done.partner_profile_url!).pathname);
    expect(report.status).toBe(200);

    // The 503 left the PATCH pending; the retry schedule sends it again (and it succeeds).
    const deliveries = await api.get<{
      items: { deliveryId: string; endpointId: string; status: string; nextAttemptAt?: string }[];
    }>('/v1/webhooks/deliveries');
    const pending = deliveries.json.items.find((d) => d.endpointId === 'greenhouse')!;
    expect(pending).toMatchObject({ status: 'pending' });
    clock.current = Math.max(clock.current, Date.parse(pending.nextAttemptAt!));
    await stack.scheduler.runDue();
    expect(greenhouse.patches).toHaveLength(2);
    expect(greenhouse.patches[1]!.headers.authorization).toBe(basic(greenhouseKey));
    const after = await api.get<{ items: { deliveryId: string; status: string }[] }>(
      '/v1/webhooks/deliveries',
    );
    expect(after.json.items.find((d) => d.deliveryId === pending.deliveryId)?.status).toBe(
      'succeeded',
    );
  });

  it('answers response_error with 200', async () => {
    const res = await greenhouse.call<{ status: number }>('POST', 'response_error', {
      api_call: 'test_status',
      errors: ["partner_status is 'complete' but partner_profile_url is missing"],
      partner_interview_id: '98765',
    });
    expect(res).toMatchObject({ status: 200, json: { status: 200 } });
  });
});
