import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serviceTables, services } from '@assay/manifests';
import { tableName, type ServiceManifest } from '@assay/platform/manifest';
import { inject } from 'vitest';
import {
  FUNCTION_LOGGING,
  platformRecordsPerInvocation,
  type FunctionLogging,
} from '../../../infra/lib/function-logging';
import {
  CostMeter,
  ManualClock,
  captureLogs,
  recordInvocation,
  startLocalStack,
  type LocalStack,
  type MeterSnapshot,
} from '@assay/local';

// Two candidate sessions on a metered stack: every API request is counted once and as one
// invocation of its service's function, DynamoDB capacity adds up per table, and the events,
// Pipe batches, schedules and log lines match what the stack did. No cost is asserted.

const SESSIONS = 2;
const SAVES = 3;

let stack: LocalStack;
let snapshot: MeterSnapshot;
let requests: Record<string, number>;
let relayed: number;
let pendingSchedules: number;
const stage = `m${randomBytes(4).toString('hex')}`;
const sessionService = services.find((s) => s.name === 'session') as ServiceManifest;

beforeAll(async () => {
  const logLevel = process.env.ASSAY_LOG_LEVEL;
  process.env.ASSAY_LOG_LEVEL = 'INFO';
  const meter = new CostMeter();
  stack = await startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    stage,
    port: 0,
    meter,
    clock: new ManualClock(new Date()),
  });
  meter.reset();
  const restoreLogs = captureLogs(meter);
  try {
    requests = await runSessions(stack);
    // Every session scored; then one more pass carries score.computed to reporting.
    await vi.waitFor(
      async () => {
        await stack.settle();
        const scoring = meter.snapshot().lambdas.find((l) => l.name === 'scoring-EventsHandler');
        expect(scoring?.invocations).toBeGreaterThanOrEqual(SESSIONS);
      },
      { timeout: 20_000, interval: 100 },
    );
    await stack.settle();
    await stack.settle();
    pendingSchedules = (await stack.scheduler.pending()).length;
  } finally {
    restoreLogs();
    if (logLevel === undefined) delete process.env.ASSAY_LOG_LEVEL;
    else process.env.ASSAY_LOG_LEVEL = logLevel;
  }
  relayed = stack.relay.relayed;
  snapshot = meter.snapshot();
}, 60_000);

afterAll(() => stack?.stop());

/** Each session: invite, load, start, a few saves, one signal batch, submit. */
async function runSessions(s: LocalStack): Promise<Record<string, number>> {
  const counted: Record<string, number> = {};
  const send = async (
    bearer: string,
    method: string,
    path: string,
    route: string,
    body?: unknown,
  ) => {
    const res = await fetch(`${s.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    counted[route] = (counted[route] ?? 0) + 1;
    return (await res.json()) as Record<string, unknown>;
  };
  const key = s.demo.apiKey;
  const assessment = await send(key, 'POST', '/v1/assessments', 'POST /v1/assessments', {
    playbook: { id: 'medical-billing-specialist' },
  });
  for (let n = 0; n < SESSIONS; n++) {
    const invitation = await send(
      key,
      'POST',
      `/v1/assessments/${String(assessment.id)}/invitations`,
      'POST /v1/assessments/{id}/invitations',
      { candidate: { name: `Candidate ${n}`, email: `c${n}@example.com` } },
    );
    const token = String(invitation.token);
    await send(token, 'GET', `/v1/take/${token}`, 'GET /v1/take/{token}');
    const session = (await send(
      token,
      'POST',
      `/v1/take/${token}/start`,
      'POST /v1/take/{token}/start',
    )) as { id: string; form: { items: { id: string; type: string }[] } };
    const text = session.form.items.find((i) => i.type === 'written' || i.type === 'procedure');
    if (!text) throw new Error('the form has no text item');
    for (let seq = 1; seq <= SAVES; seq++) {
      await send(
        token,
        'PUT',
        `/v1/sessions/${session.id}/answers/${text.id}`,
        'PUT /v1/sessions/{id}/answers/{itemId}',
        { seq, answer: { text: 'I would review the denial code first. '.repeat(seq) } },
      );
    }
    await send(
      token,
      'POST',
      `/v1/sessions/${session.id}/signals`,
      'POST /v1/sessions/{id}/signals',
      {
        signals: [{ kind: 'focus-lost', at: new Date().toISOString() }],
      },
    );
    await send(token, 'POST', `/v1/sessions/${session.id}/submit`, 'POST /v1/sessions/{id}/submit');
  }
  return counted;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('metering on the local stack', () => {
  it('counts every API request once, by route, and as one invocation of its HTTP function', () => {
    expect(snapshot.api.byRoute).toEqual(requests);
    const total = sum(Object.values(requests));
    expect(snapshot.api.requests).toBe(total);
    expect(snapshot.api.billedRequests).toBe(total);
    // Each route's requests are invocations of the function of the service that declares it.
    const expected: Record<string, number> = {};
    for (const [route, n] of Object.entries(requests)) {
      const owner = services.find((m) => m.routes.some((r) => `${r.method} ${r.path}` === route));
      const name = `${owner?.name}-HttpHandler`;
      expected[name] = (expected[name] ?? 0) + n;
    }
    const http = snapshot.lambdas.filter((l) => l.name.endsWith('-HttpHandler'));
    expect(Object.fromEntries(http.map((l) => [l.name, l.invocations]))).toEqual(expected);
    for (const l of http) expect(l.billedMs).toBeGreaterThanOrEqual(l.invocations);
  });

  it('sums DynamoDB capacity per table and operation, transactions included', () => {
    // Session's writes land on its tables (answers on its extra table), one entry per operation.
    const sessionTables = new Set(
      serviceTables(sessionService).map((def) => tableName(def, stage)),
    );
    const sessionWrites = snapshot.dynamo.filter(
      (d) => sessionTables.has(d.table) && d.writeUnits > 0,
    );
    expect(sum(sessionWrites.map((d) => d.calls))).toBeGreaterThanOrEqual(SESSIONS * (SAVES + 2));
    expect(new Set(sessionWrites.map((d) => `${d.table} ${d.operation}`)).size).toBe(
      sessionWrites.length,
    );
    // Start and submit are transactions: every item of one costs 2 units, on each table it spans.
    const transactions = snapshot.dynamo.filter((d) => d.operation === 'TransactWriteItems');
    expect(transactions.length).toBeGreaterThan(0);
    for (const t of transactions) {
      expect(t.writeUnits, t.table).toBeGreaterThanOrEqual(2 * t.calls);
      expect(t.readUnits, t.table).toBe(0);
    }
    const reads = snapshot.dynamo.filter((d) => d.operation === 'GetItem');
    expect(sum(reads.map((d) => d.readUnits))).toBeGreaterThan(0);
    expect(sum(reads.map((d) => d.writeUnits))).toBe(0);
    // Scoring and reporting write their own tables once the events arrive.
    for (const service of ['scoring', 'reporting'])
      expect(
        sum(
          snapshot.dynamo.filter((d) => d.table.endsWith(`-${service}`)).map((d) => d.writeUnits),
        ),
      ).toBeGreaterThan(0);
    expect(snapshot.streams.GetRecords).toBeGreaterThan(0);
  });

  it('counts events, Pipe batches, schedules and event invocations as the stack ran them', () => {
    // started, submitted and score.computed per session at least, all through the outbox.
    expect(relayed).toBeGreaterThanOrEqual(3 * SESSIONS);
    expect(snapshot.pipes.events).toBe(relayed);
    expect(snapshot.events.entries).toBe(relayed);
    expect(snapshot.events.billedEvents).toBe(relayed);
    expect(snapshot.pipes.batches).toBeLessThanOrEqual(relayed);
    const enrichment = snapshot.lambdas.find((l) => l.name === 'outbox-relay-OutboxEnrichment');
    expect(enrichment?.invocations).toBe(snapshot.pipes.batches);
    // A deadline is scheduled unless the session was submitted before session.started arrived.
    expect(snapshot.scheduler.created).toBe(pendingSchedules);
    expect(snapshot.scheduler.created).toBeLessThanOrEqual(SESSIONS);
    const scoring = snapshot.lambdas.find((l) => l.name === 'scoring-EventsHandler');
    expect(scoring?.invocations).toBeGreaterThanOrEqual(SESSIONS);
  });

  it("bills log lines to the function that wrote them, and Lambda's own records as deployed", () => {
    const invocations = sum(snapshot.lambdas.map((l) => l.invocations));
    // Lambda's records per invocation under infra's FUNCTION_LOGGING: none at system level WARN.
    const perInvocation = platformRecordsPerInvocation(FUNCTION_LOGGING).length;
    expect(snapshot.logs.platformLines).toBe(perInvocation * invocations);
    // Plus the handlers' own lines: one request line per API request at INFO.
    expect(snapshot.logs.lines - snapshot.logs.platformLines).toBeGreaterThanOrEqual(
      snapshot.api.requests,
    );
    expect(snapshot.logs.byFunction['session-HttpHandler']).toBeGreaterThan(0);
    expect(sum(Object.values(snapshot.logs.byFunction))).toBe(snapshot.logs.bytes);
  });
});

describe('CostMeter units', () => {
  it('rounds as AWS bills: 1 ms minimum, 64 KB event chunks, 512 KB API increments', () => {
    const meter = new CostMeter();
    meter.lambdaInvocation('f', 0.2, false);
    meter.lambdaInvocation('f', 10.1, true);
    meter.eventPut('s', 70 * 1024);
    meter.apiRequest('GET /x', 600 * 1024);
    meter.pipeBatch(10, 1024);
    const s = meter.snapshot();
    expect(s.lambdas).toEqual([
      { name: 'f', invocations: 2, durationMs: expect.closeTo(10.3), billedMs: 12, errors: 1 },
    ]);
    expect(s.events).toMatchObject({ entries: 1, billedEvents: 2 });
    expect(s.api).toMatchObject({ requests: 1, billedRequests: 2 });
    expect(s.pipes).toEqual({ batches: 1, events: 10, billedRequests: 1 });
    meter.reset();
    expect(meter.snapshot().lambdas).toEqual([]);
  });

  it("bills Lambda's own records as the deployed logging configuration writes them", () => {
    const logged = (functionLogging?: FunctionLogging) => {
      const meter = new CostMeter({ functionLogging });
      recordInvocation(meter, 'f', 12.3);
      recordInvocation(meter, 'f', 4.5, true);
      return meter.snapshot().logs;
    };
    // Deployed: JSON with system level WARN (infra's assay-stack test checks the template).
    expect(FUNCTION_LOGGING).toEqual({ format: 'JSON', systemLogLevel: 'WARN' });
    expect(logged()).toEqual({ lines: 0, bytes: 0, byFunction: {}, platformLines: 0 });
    // Text format: START, END and REPORT (with the X-Ray line) per invocation.
    const text = logged({ format: 'Text', systemLogLevel: 'WARN' });
    expect(text).toMatchObject({ lines: 6, platformLines: 6 });
    expect(text.bytes / 2).toBeGreaterThan(300);
    // JSON at INFO: platform.start and platform.report.
    const json = logged({ format: 'JSON', systemLogLevel: 'INFO' });
    expect(json).toMatchObject({ lines: 4, platformLines: 4 });
    expect(json.byFunction.f).toBe(json.bytes);
  });
});
