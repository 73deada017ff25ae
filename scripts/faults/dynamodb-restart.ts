// Fault: DynamoDB Local's JVM is killed (SIGKILL) while candidates autosave, then started again
// on the same data folder and port, with the stack (in this process) left running. Clients must
// see 2xx or a clean 503 problem (Retry-After, no internals) and retry; afterwards every
// acknowledged answer reads back intact and the outbox relay, whose stream iterators died with
// the JVM, resumes: sessions submitted after the restart are scored.
//
//   pnpm exec tsx scripts/faults/dynamodb-restart.ts [--candidates 12] [--down-ms 1500]
//
// Exit code 0 when every check holds; the figures go to stdout.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findBuiltin } from '../../packages/playbooks/src/index';
import {
  freePort,
  startDynamoDbLocal,
  startLocalStack,
  type DynamoDbLocal,
} from '../../packages/local/src/index';
import { call, tenantApi, type Invitation } from '../../packages/cli/src/sim/assay-api';
import {
  checkAcknowledgedAnswers,
  driveCandidate,
  newRecord,
} from '../../tests/faults/support/candidates';
import { faultChecks } from '../../tests/faults/support/checks';

const { values } = parseArgs({
  options: {
    candidates: { type: 'string', default: '12' },
    'down-ms': { type: 'string', default: '1500' },
  },
});
const CANDIDATES = Number(values.candidates);
const DOWN_MS = Number(values['down-ms']);
const PLAYBOOK = findBuiltin('medical-billing-specialist')!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const { check, finish } = faultChecks();
const stackLog: string[] = [];

async function main(): Promise<void> {
  const data = mkdtempSync(join(tmpdir(), 'assay-ddb-restart-'));
  const port = await freePort();
  let dynamo: DynamoDbLocal = await startDynamoDbLocal({ dataDir: join(data, 'dynamodb'), port });
  const stack = await startLocalStack({
    dynamoEndpoint: dynamo.endpoint,
    stage: `r${randomBytes(4).toString('hex')}`,
    port: 0,
    dataDir: data,
    log: (line) => stackLog.push(line),
  });
  try {
    const api = tenantApi(stack.url, stack.demo.apiKey);
    const assessment = await api.createAssessment(PLAYBOOK.id, {
      playbook: { id: PLAYBOOK.id, version: PLAYBOOK.version },
    });
    const invitations: Invitation[] = [];
    for (let i = 0; i < CANDIDATES; i++)
      invitations.push(
        await api.invite(assessment.id, { name: `R ${i}`, email: `r${i}@example.com` }),
      );
    const records = invitations.map((inv) => newRecord(inv.token));
    const load = Promise.all(
      invitations.map((invitation, i) =>
        driveCandidate({
          baseUrl: stack.url,
          invitation,
          playbook: PLAYBOOK,
          seed: 500 + i,
          savesPerItem: 2,
          pauseMs: 30,
          submit: true,
          retryFailures: true,
          record: records[i],
        }),
      ),
    );
    // Kill once every candidate is saving, whatever the machine's speed.
    while (records.reduce((n, r) => n + r.ackedSaves, 0) < 2 * CANDIDATES) await sleep(50);
    const ackedAtKill = records.reduce((n, r) => n + r.ackedSaves, 0);
    const submittedAtKill = records.filter((r) => r.submitted).length;
    await dynamo.kill();
    const t = performance.now();
    // While it is down: what a client gets, read raw.
    const probe = records.find((r) => r.sessionId)!;
    const down = await fetch(`${stack.url}/v1/take/${probe.token}/start`, { method: 'POST' });
    const downBody = await down.text();
    await sleep(DOWN_MS);
    dynamo = await startDynamoDbLocal({ dataDir: join(data, 'dynamodb'), port });
    console.log(
      `JVM killed after ${ackedAtKill} acknowledged saves (${submittedAtKill} submits); back after ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    await load;

    check(
      down.status === 503 &&
        down.headers.get('content-type') === 'application/problem+json' &&
        down.headers.get('retry-after') === '1',
      `while down: ${down.status} ${down.headers.get('content-type')} Retry-After ${down.headers.get('retry-after')}`,
    );
    check(
      !/ECONNREFUSED|127\.0\.0\.1|\bat \w|node_modules/.test(downBody),
      `the 503 body names no internals: ${downBody}`,
    );
    const statuses = new Map<number, number>();
    for (const r of records)
      for (const [status, n] of r.statuses) statuses.set(status, (statuses.get(status) ?? 0) + n);
    const refused = records.reduce((n, r) => n + r.unacknowledged, 0);
    check(
      [...statuses.keys()].every((s) => s === 503),
      `client failures by status ${JSON.stringify(Object.fromEntries(statuses))} (${refused} in all, each retried)`,
    );
    check(
      records.every((r) => r.submitted),
      `${records.filter((r) => r.submitted).length}/${CANDIDATES} submitted`,
    );
    const answers = await checkAcknowledgedAnswers(stack.url, records);
    check(
      answers.problems.length === 0,
      `${records.reduce((n, r) => n + r.ackedSaves, 0)} acknowledged saves; ${answers.checkedAnswers} answers read back intact (${answers.problems.slice(0, 5).join('; ')})`,
    );
    const scored = new Set<string>();
    const settleStart = performance.now();
    for (const until = Date.now() + 60_000; scored.size < CANDIDATES && Date.now() < until;) {
      await sleep(250);
      for (const r of records) {
        if (scored.has(r.sessionId!)) continue;
        const res = await call(
          stack.url,
          stack.demo.apiKey,
          'GET',
          `/v1/sessions/${r.sessionId}/scorecard`,
          undefined,
          () => true,
        );
        if (res.status === 200) scored.add(r.sessionId!);
      }
    }
    check(
      scored.size === CANDIDATES,
      `relay resumed: ${scored.size}/${CANDIDATES} sessions scored (${((performance.now() - settleStart) / 1000).toFixed(1)} s after the load)`,
    );
    const dead = stack.bus.deadLetters();
    check(
      dead.length === 0,
      `${dead.length} dead letters (${stack.bus.stats().retried} deliveries retried through the outage)`,
    );
    const relayErrors = stackLog.filter((l) => l.startsWith('outbox relay:'));
    console.log(`relay errors logged while DynamoDB Local was away: ${relayErrors.length}`);
  } finally {
    await stack.stop();
    await dynamo.stop();
    rmSync(data, { recursive: true, force: true });
  }
  finish();
}

await main();
