import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { findBuiltin } from '@assay/playbooks';
import { startLocalStack, type LocalStack } from '@assay/local';
import { call, tenantApi } from '../../packages/cli/src/sim/assay-api';
import { generateAnswer, prng } from '../../packages/cli/src/sim/synthetic-answers';
import { driveCandidate } from './support/candidates';
import { FailingDynamoProxy } from './support/failing-proxy';
import { WebhookReceiver } from './support/webhook-receiver';

// Faults at the network level between the stack and DynamoDB Local (a proxy), on one stack.
//
// A consumer that throws twice, then succeeds. The real scoring consumer runs against
// the real table; a proxy in front of DynamoDB Local answers its reads of one session's
// scorecard with DynamoDB's InternalServerError until the bus has seen two failed attempts
// (the SDK's own retries included). The bus must retry with its backoff, and the effect (one
// scorecard, one score.computed) must land exactly once.

const PLAYBOOK = findBuiltin('medical-billing-specialist')!;
const RULE = 'scoring.scoreSession';
let proxy: FailingDynamoProxy;
let stack: LocalStack;
let receiver: WebhookReceiver;
const busLog: { at: number; line: string }[] = [];

beforeAll(async () => {
  proxy = await new FailingDynamoProxy(inject('dynamoEndpoint')).start();
  stack = await startLocalStack({
    dynamoEndpoint: proxy.url,
    stage: `f${randomBytes(4).toString('hex')}`,
    port: 0,
    log: (line) => onLog(line),
  });
  receiver = await new WebhookReceiver().start();
});

afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
  await proxy?.stop();
});

let failedAttempts = 0;
function onLog(line: string): void {
  if (!line.startsWith('bus: ')) return;
  busLog.push({ at: performance.now(), line });
  // Synchronous with the failure: the retry cannot start before the fault is lifted.
  if (line.startsWith(`bus: ${RULE}: target failed`) && ++failedAttempts === 2)
    proxy.fails = () => false;
}

it('retries a consumer that throws twice with backoff, and scores the session once', async () => {
  const api = tenantApi(stack.url, stack.demo.apiKey);
  receiver.secret = (await api.registerWebhook(receiver.url, ['score.computed'])).secret;
  const assessment = await api.createAssessment(PLAYBOOK.id, {
    playbook: { id: PLAYBOOK.id, version: PLAYBOOK.version },
  });
  const invitation = await api.invite(assessment.id, { name: 'Flaky', email: 'flaky@example.com' });
  const stats = stack.bus.stats();

  const record = await driveCandidate({
    baseUrl: stack.url,
    invitation,
    playbook: PLAYBOOK,
    seed: 7,
    savesPerItem: 1,
    submit: false,
  });
  const sessionId = record.sessionId!;
  // From now on: every read of this session's scorecard on the scoring table fails.
  proxy.fails = ({ target, body }) =>
    target.endsWith('.GetItem') && body.includes('-scoring"') && body.includes(sessionId);
  await call(stack.url, invitation.token, 'POST', `/v1/sessions/${sessionId}/submit`);
  await stack.settle();

  const ruleLog = busLog.filter((l) => l.line.startsWith(`bus: ${RULE}:`)).map((l) => l.line);
  expect(ruleLog).toHaveLength(2);
  const delays = ruleLog.map((l) => Number(/retrying in (\d+) ms/.exec(l)?.[1]));
  // LOCAL_BACKOFF (50 ms base, equal jitter): retry 1 waits 25–50 ms, retry 2 waits 50–100 ms.
  expect(delays[0]).toBeGreaterThanOrEqual(25);
  expect(delays[0]).toBeLessThanOrEqual(50);
  expect(delays[1]).toBeGreaterThanOrEqual(50);
  expect(delays[1]).toBeLessThanOrEqual(100);
  expect(proxy.failed).toBeGreaterThanOrEqual(2);
  const after = stack.bus.stats();
  expect(after.retried - stats.retried).toBe(2);
  expect(after.deadLettered - stats.deadLettered).toBe(0);
  expect(stack.bus.deadLetters()).toEqual([]);

  const card = await call(
    stack.url,
    stack.demo.apiKey,
    'GET',
    `/v1/sessions/${sessionId}/scorecard`,
  );
  const body = card.body as { scorecardId: string; revision: number; history: unknown[] };
  expect(body.revision).toBe(0);
  expect(body.history).toHaveLength(1);
  const hooks = receiver.received.filter((w) => w.data.sessionId === sessionId);
  expect(new Set(hooks.map((w) => w.id)).size).toBe(1);
  expect(hooks[0]!.data.scorecardId).toBe(body.scorecardId);
  expect(receiver.idsWithTwoPayloads()).toEqual([]);
  console.log(
    `consumer retry: ${proxy.failed} DynamoDB requests failed by the proxy → ${ruleLog.length} failed attempts of ${RULE} (retried after ${delays.join(' ms, ')} ms) → 1 scorecard, 1 webhook id`,
  );
});

it('answers a clean 503 problem while DynamoDB is unreachable, and recovers', async () => {
  const api = tenantApi(stack.url, stack.demo.apiKey);
  const assessment = await api.createAssessment(PLAYBOOK.id, {
    playbook: { id: PLAYBOOK.id, version: PLAYBOOK.version },
  });
  const invitation = await api.invite(assessment.id, { name: 'Outage', email: 'o@example.com' });
  const started = await call(
    stack.url,
    invitation.token,
    'POST',
    `/v1/take/${invitation.token}/start`,
  );
  const session = started.body as { id: string; form: { items: { id: string }[] } };
  const itemId = session.form.items.find((i) => i.id)!.id;
  const item = PLAYBOOK.items.find((i) => i.id === itemId)!;
  const answer = generateAnswer(item, 'strong', prng(1))!;
  const save = (seq: number) =>
    fetch(`${stack.url}/v1/sessions/${session.id}/answers/${encodeURIComponent(itemId)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${invitation.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ seq, answer }),
    });

  proxy.down = true;
  const refused = [
    await save(1),
    await fetch(`${stack.url}/v1/sessions/${session.id}/scorecard`, {
      headers: { authorization: `Bearer ${stack.demo.apiKey}` },
    }),
  ];
  proxy.down = false;
  for (const res of refused) {
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(text)).toMatchObject({ status: 503, title: 'Service unavailable' });
    expect(text).not.toMatch(/ECONNRESET|socket|127\.0\.0\.1|\bat \w|node_modules/);
  }
  // The client retries as Retry-After says; the save lands, once.
  expect((await save(1)).status).toBe(200);
  const resumed = await call(
    stack.url,
    invitation.token,
    'POST',
    `/v1/take/${invitation.token}/start`,
  );
  const answers = (resumed.body as { answers: Record<string, { seq: number; answer: unknown }> })
    .answers;
  expect(answers[itemId]).toEqual({ seq: 1, answer });
});
