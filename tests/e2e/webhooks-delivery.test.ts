import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { createEvent, scoreComputed } from '@assay/events';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { claimWrites, dynamoClient, TenantRegistry } from '@assay/platform';
import { startLocalStack, type LocalStack } from '@assay/local';
import { apiClient } from '../support/api-client';

// Webhooks end to end on the local stack with real HTTP receivers on 127.0.0.1 that verify
// every request with the npm `standardwebhooks` library. The stack's scheduler runs on a
// clock the test moves, so hours of retry schedule pass in milliseconds.

type Received = { headers: IncomingHttpHeaders; body: string; at: number };
type Reply = { status: number; headers?: Record<string, string> };
type Endpoint = { endpointId: string; secret: string; status: string; disabledReason?: string };
type Delivery = {
  deliveryId: string;
  eventId: string;
  status: string;
  attempts: number;
  nextAttemptAt?: string;
  history: { at: string; status: number; latencyMs: number; response: string; replay?: boolean }[];
};
type Problem = { status: number; errors?: { pointer: string; message: string }[] };

/** The stack's clock: starts now, moves only when a test says so. */
const clock = {
  current: Date.now(),
  now: () => new Date(clock.current),
};

/** A receiver that answers from a script (then 200) and records what it got. */
class Receiver {
  readonly received: Received[] = [];
  readonly script: Reply[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: clock.current,
        });
        const reply = this.script.shift() ?? { status: 200 };
        res.writeHead(reply.status, reply.headers).end(`reply ${reply.status}`);
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server?.close(() => done()) ?? done());
  }
}

/** Verifies as the receiver did on arrival, its clock the stack's (compressed hours stay in tolerance). */
function verify(secret: string, r: Received): { type: string; data: Record<string, unknown> } {
  const realNow = Date.now;
  Date.now = () => r.at;
  try {
    return new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as {
      type: string;
      data: Record<string, unknown>;
    };
  } finally {
    Date.now = realNow;
  }
}

let stack: LocalStack;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;
let receiver: Receiver;

beforeAll(async () => {
  stack = await startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    stage: `w${randomBytes(4).toString('hex')}`,
    port: 0,
    clock,
  });
  api = apiClient(stack.url, stack.demo.apiKey);
  const registry = new TenantRegistry(dynamoClient());
  const tenantB = await registry.createTenant('Other Agency');
  other = apiClient(stack.url, (await registry.createApiKey(tenantB.tenantId, ['admin'])).apiKey);
});

afterAll(async () => {
  await stack?.stop();
});

beforeEach(async () => {
  await receiver?.stop();
  receiver = await new Receiver().start();
});

async function register(types: string[] = ['ping', 'score.computed']): Promise<Endpoint> {
  const res = await api.post<Endpoint>('/v1/webhooks/endpoints', {
    url: receiver.url,
    types,
    description: 'ATS',
  });
  expect(res.status, res.text).toBe(201);
  expect(res.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  return res.json;
}

/** Moves the clock to a delivery's next attempt and runs what is due. */
async function runNextAttempt(delivery: Delivery): Promise<Delivery> {
  clock.current = Math.max(clock.current, Date.parse(delivery.nextAttemptAt!));
  await stack.scheduler.runDue();
  return deliveryById(delivery.deliveryId);
}

async function deliveryById(id: string): Promise<Delivery> {
  const res = await api.get<{ items: Delivery[] }>('/v1/webhooks/deliveries?limit=100');
  return res.json.items.find((d) => d.deliveryId === id)!;
}

/** A score.computed as scoring publishes it, its full scorecard stored as a claim first. */
async function scoreEvent() {
  const { ref, writes } = claimWrites(stack.demo.tenantId, JSON.stringify({ items: {} }));
  await dynamoClient().send(new TransactWriteItemsCommand({ TransactItems: writes }));
  return createEvent(
    scoreComputed,
    { tenantId: stack.demo.tenantId, correlationId: 'webhooks-e2e' },
    {
      sessionId: 'ses_01JABCDEFGHJKMNPQRSTVWXYZ0',
      assessmentId: 'asm_01JABCDEFGHJKMNPQRSTVWXYZ0',
      scorecardId: 'scd_1',
      revision: 0,
      playbook: { id: 'medical-billing', version: '1.0.0', hash: `sha256:${'a'.repeat(64)}` },
      total: 81.5,
      band: 'strong',
      sections: { claims: { score: 80, weight: 1 } },
      redFlags: [],
      scorecardRef: ref,
      scoredAt: new Date().toISOString(),
    },
  );
}

async function putOnBus(detail: object): Promise<void> {
  const out = stack.bus.putEvents([
    { Source: 'assay.scoring', DetailType: 'score.computed', Detail: JSON.stringify(detail) },
  ]);
  expect(out.FailedEntryCount).toBe(0);
  await stack.bus.idle();
}

describe('webhooks on the local stack', () => {
  it('registers, pings, and the receiver verifies the Standard Webhooks signature', async () => {
    const endpoint = await register();
    const ping = await api.post<Delivery>(`/v1/webhooks/endpoints/${endpoint.endpointId}/test`);
    expect(ping.status, ping.text).toBe(200);
    expect(ping.json).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(ping.json.history[0]).toMatchObject({ status: 200, response: 'reply 200' });
    const [got] = receiver.received;
    expect(got!.headers['webhook-id']).toBe(ping.json.eventId);
    expect(verify(endpoint.secret, got!)).toMatchObject({ type: 'ping' });

    const listed = await api.get<{ items: Record<string, unknown>[] }>('/v1/webhooks/endpoints');
    expect(listed.json.items.map((e) => e.endpointId)).toContain(endpoint.endpointId);
    expect(JSON.stringify(listed.json)).not.toContain(endpoint.secret);
  });

  it('delivers score.computed once, small and linked, even when the bus delivers it twice', async () => {
    const endpoint = await register(['score.computed']);
    const detail = await scoreEvent();
    await putOnBus(detail);
    await putOnBus(detail);
    expect(receiver.received).toHaveLength(1);
    const body = verify(endpoint.secret, receiver.received[0]!);
    expect(receiver.received[0]!.headers['webhook-id']).toBe(detail.eventId);
    expect(body).toMatchObject({
      type: 'score.computed',
      data: {
        sessionId: detail.data.sessionId,
        total: 81.5,
        band: 'strong',
        links: { report: `${stack.url}/v1/reports/sessions/${detail.data.sessionId}` },
      },
    });
    expect(body.data).not.toHaveProperty('scorecardRef');
    await api.request('DELETE', `/v1/webhooks/endpoints/${endpoint.endpointId}`);
  });

  it('retries on the schedule until the receiver is back, then dead-letters and replays', async () => {
    const endpoint = await register();
    receiver.script.push(
      { status: 500 },
      { status: 302, headers: { location: receiver.url } },
      { status: 500 },
    );
    const first = await api.post<Delivery>(`/v1/webhooks/endpoints/${endpoint.endpointId}/test`);
    expect(first.json).toMatchObject({ status: 'pending', attempts: 1 });
    // Booked through the Scheduler API (the SDK → the stack's shim), as in AWS: a one-time
    // schedule at the recorded time that invokes reporting's events function.
    const booked = (await stack.scheduler.pending()).find(
      (job) => job.id === `${first.json.deliveryId}-1`,
    ) as { kind: string; at: Date; payload: { functionName: string; input: string } } | undefined;
    expect(booked).toMatchObject({
      kind: 'scheduled-invoke',
      at: new Date(first.json.nextAttemptAt!),
      payload: { functionName: expect.stringMatching(/^assay-w[0-9a-f]{8}-reporting-events$/) },
    });
    expect(JSON.parse(booked!.payload.input)).toEqual({
      kind: 'webhook.attempt',
      tenantId: stack.demo.tenantId,
      deliveryId: first.json.deliveryId,
    });
    const waits: number[] = [];
    let d = first.json;
    let at = clock.current;
    while (d.status === 'pending') {
      waits.push(Date.parse(d.nextAttemptAt!) - at);
      at = Date.parse(d.nextAttemptAt!);
      d = await runNextAttempt(d);
    }
    expect(d).toMatchObject({ status: 'succeeded', attempts: 4 });
    expect(d.history.map((h) => h.status)).toEqual([500, 302, 500, 200]);
    // 5 s, 5 min, 30 min, each with up to +10 % jitter (then up to the next whole second, the
    // schedules' grain); a 302 was not followed.
    [5_000, 300_000, 1_800_000].forEach((base, i) => {
      expect(waits[i]).toBeGreaterThanOrEqual(base);
      expect(waits[i]).toBeLessThanOrEqual(base * 1.1 + 1000);
    });
    expect(at % 1000).toBe(0);
    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const r of receiver.received) expect(verify(endpoint.secret, r).type).toBe('ping');

    // Down for all 8 attempts: dead-lettered, then a replay delivers it with the same id.
    receiver.script.push(...Array<Reply>(8).fill({ status: 500 }));
    let dead = (await api.post<Delivery>(`/v1/webhooks/endpoints/${endpoint.endpointId}/test`))
      .json;
    while (dead.status === 'pending') dead = await runNextAttempt(dead);
    expect(dead).toMatchObject({ status: 'dead', attempts: 8 });
    const replay = await api.post<Delivery>(`/v1/webhooks/deliveries/${dead.deliveryId}/replay`);
    expect(replay.json.status).toBe('succeeded');
    expect(replay.json.history.at(-1)).toMatchObject({ status: 200, replay: true });
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(dead.eventId);
  });

  it('honours Retry-After on 429 and 503', async () => {
    const endpoint = await register();
    receiver.script.push({ status: 429, headers: { 'retry-after': '120' } });
    const first = await api.post<Delivery>(`/v1/webhooks/endpoints/${endpoint.endpointId}/test`);
    const wait = Date.parse(first.json.nextAttemptAt!) - clock.current;
    expect(wait).toBeGreaterThanOrEqual(120_000);
    expect(wait).toBeLessThanOrEqual(133_000);
    // An HTTP date is read against the worker's clock (here the test's).
    const retryAt = new Date(Date.parse(first.json.nextAttemptAt!) + 3_600_000);
    receiver.script.push({ status: 503, headers: { 'retry-after': retryAt.toUTCString() } });
    const second = await runNextAttempt(first.json);
    expect(Date.parse(second.nextAttemptAt!)).toBeGreaterThanOrEqual(retryAt.getTime() - 1000);
    expect((await runNextAttempt(second)).status).toBe('succeeded');
  });

  it('signs with both secrets for 24 h after a rotation', async () => {
    const endpoint = await register();
    const rotated = await api.post<{ secret: string; previousExpiresAt: string }>(
      `/v1/webhooks/endpoints/${endpoint.endpointId}/rotate-secret`,
    );
    expect(rotated.status).toBe(200);
    await api.post(`/v1/webhooks/endpoints/${endpoint.endpointId}/test`);
    const during = receiver.received.at(-1)!;
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(endpoint.secret, during).type).toBe('ping');
    expect(verify(rotated.json.secret, during).type).toBe('ping');

    clock.current = Date.parse(rotated.json.previousExpiresAt) + 1;
    await api.post(`/v1/webhooks/endpoints/${endpoint.endpointId}/test`);
    const after = receiver.received.at(-1)!;
    expect(verify(rotated.json.secret, after).type).toBe('ping');
    expect(() => verify(endpoint.secret, after)).toThrow('No matching signature');
  });

  it('disables an endpoint that answers 410 and tells the tenant why', async () => {
    const endpoint = await register();
    receiver.script.push({ status: 410 });
    const gone = await api.post<Delivery>(`/v1/webhooks/endpoints/${endpoint.endpointId}/test`);
    expect(gone.json).toMatchObject({ status: 'dead', attempts: 1 });
    const read = await api.get<Endpoint>(`/v1/webhooks/endpoints/${endpoint.endpointId}`);
    expect(read.json).toMatchObject({
      status: 'disabled',
      disabledReason: 'The endpoint answered 410 Gone',
    });
    await putOnBus(await scoreEvent());
    expect(receiver.received).toHaveLength(1);
  });

  it('disables an endpoint after 5 days of failures', async () => {
    const endpoint = await register();
    receiver.script.push(...Array<Reply>(20).fill({ status: 500 }));
    let d = (await api.post<Delivery>(`/v1/webhooks/endpoints/${endpoint.endpointId}/test`)).json;
    while (d.status === 'pending') d = await runNextAttempt(d);
    // The first failure was ~35 h ago; 4 more days make it more than 5.
    clock.current += 4 * 24 * 3600_000;
    await api.post(`/v1/webhooks/endpoints/${endpoint.endpointId}/test`);
    const read = await api.get<Endpoint>(`/v1/webhooks/endpoints/${endpoint.endpointId}`);
    expect(read.json).toMatchObject({
      status: 'disabled',
      disabledReason: 'Every delivery failed for 5 days',
    });
  });

  it("refuses hostile URLs with a problem naming body/url, and hides other tenants' endpoints", async () => {
    for (const url of [
      'http://10.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'https://[::ffff:127.0.0.1]/',
      'http://[fd00:ec2::254]/',
      'ftp://127.0.0.1/',
      'http://user:pw@127.0.0.1/',
    ]) {
      const res = await api.post<Problem>('/v1/webhooks/endpoints', { url, types: ['ping'] });
      expect(res.status, url).toBe(422);
      expect(res.json.errors?.[0]?.pointer, url).toBe('body/url');
    }
    const bad = await api.post<Problem>('/v1/webhooks/endpoints', {
      url: receiver.url,
      types: ['nope'],
    });
    expect(bad.json.errors?.[0]?.pointer).toBe('body/types/0');

    const endpoint = await register();
    const ping = await api.post<Delivery>(`/v1/webhooks/endpoints/${endpoint.endpointId}/test`);
    for (const [method, path] of [
      ['GET', `/v1/webhooks/endpoints/${endpoint.endpointId}`],
      ['DELETE', `/v1/webhooks/endpoints/${endpoint.endpointId}`],
      ['POST', `/v1/webhooks/endpoints/${endpoint.endpointId}/rotate-secret`],
      ['POST', `/v1/webhooks/endpoints/${endpoint.endpointId}/test`],
      ['POST', `/v1/webhooks/deliveries/${ping.json.deliveryId}/replay`],
    ] as const) {
      expect((await other.request(method, path)).status, `${method} ${path}`).toBe(404);
    }
    const theirs = await other.get<{ items: unknown[] }>('/v1/webhooks/deliveries');
    expect(theirs.json.items).toEqual([]);
  });
});
