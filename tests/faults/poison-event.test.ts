import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, expect, inject, it, vi } from 'vitest';
import { sessionSubmitted } from '@assay/events';
import { findBuiltin } from '@assay/playbooks';
import { DEAD_LETTER_FILE, readDeadLetters, startLocalStack, type LocalStack } from '@assay/local';
import { LocalEventBus } from '../../packages/local/src/bus';
import { run as dlq } from '../../packages/cli/src/commands/dlq';
import { call, tenantApi } from '../../packages/cli/src/sim/assay-api';
import { driveCandidate } from './support/candidates';

// Fault: a poison event (a session.submitted whose detail breaks its contract) reaches both
// subscribers, fails every attempt, and ends in the dead-letter store after the retries: kept
// in <data>/dead-letters.json and listed by `assay dlq list`. Other events keep flowing.

const PLAYBOOK = findBuiltin('medical-billing-specialist')!;
let data: string;
let stack: LocalStack;

beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'assay-poison-'));
  stack = await startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    stage: `p${randomBytes(4).toString('hex')}`,
    port: 0,
    dataDir: data,
  });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(data, { recursive: true, force: true });
});

it('dead-letters a poison event after the retries, visibly, while valid events flow', async () => {
  const subscribers = stack.services
    .flatMap((s) => s.manifest.subscribes.map((sub) => ({ service: s.manifest.name, sub })))
    .filter(({ sub }) => sub.event.type === sessionSubmitted.type)
    .map(({ service, sub }) => `${service}.${sub.handler}`)
    .sort();
  expect(subscribers.length).toBeGreaterThanOrEqual(2);

  const events = new EventBridgeClient({
    endpoint: stack.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const put = await events.send(
    new PutEventsCommand({
      Entries: [
        {
          Source: sessionSubmitted.source,
          DetailType: sessionSubmitted.type,
          // Subscribed type, broken data: no consumer can ever handle it.
          Detail: JSON.stringify({ tenantId: stack.demo.tenantId, data: { sessionId: 42 } }),
        },
      ],
    }),
  );
  events.destroy();
  const poisonId = put.Entries![0]!.EventId!;

  // A valid submission right behind it is scored while the poison is being retried.
  const api = tenantApi(stack.url, stack.demo.apiKey);
  const assessment = await api.createAssessment(PLAYBOOK.id, {
    playbook: { id: PLAYBOOK.id, version: PLAYBOOK.version },
  });
  const invitation = await api.invite(assessment.id, { name: 'Valid', email: 'v@example.com' });
  const record = await driveCandidate({
    baseUrl: stack.url,
    invitation,
    playbook: PLAYBOOK,
    seed: 3,
    savesPerItem: 1,
    submit: true,
  });
  await stack.settle();
  const card = await call(
    stack.url,
    stack.demo.apiKey,
    'GET',
    `/v1/sessions/${record.sessionId}/scorecard`,
  );
  expect((card.body as { revision: number }).revision).toBe(0);

  // In the bus: one dead letter per subscriber, after 1 + 3 attempts each.
  const letters = stack.bus.deadLetters().filter((l) => l.event.id === poisonId);
  expect(letters.map((l) => l.ruleName).sort()).toEqual(subscribers);
  for (const l of letters) {
    expect(l.attempts).toBe(4);
    expect(l.errorMessage).toContain('breaks its contract');
  }
  // Persisted, and a bus started on the same file (the next `assay start`) has them again.
  const file = join(data, DEAD_LETTER_FILE);
  expect(
    readDeadLetters(file)
      .map((l) => l.id)
      .sort(),
  ).toEqual(letters.map((l) => l.id).sort());
  const restarted = new LocalEventBus({ rules: [], deadLetterFile: file });
  expect(restarted.deadLetters()).toHaveLength(letters.length);

  // Visible to an operator: `assay dlq list` (its command module, run in-process).
  const cli = async (...args: string[]) => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => lines.push(line));
    try {
      expect(await dlq(['list', '--data', data, ...args])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    return lines.join('\n');
  };
  const listed = await cli();
  for (const rule of subscribers) expect(listed).toContain(rule);
  expect(listed).toContain(`event ${poisonId}`);
  expect(listed).toContain(`${letters.length} dead letters`);
  const json = JSON.parse(await cli('--json')) as { id: string }[];
  expect(json).toHaveLength(letters.length);
  console.log(
    `poison event: ${letters.length} dead letters (${subscribers.join(', ')}), 4 attempts each; valid submission scored meanwhile\n${listed}`,
  );
});
