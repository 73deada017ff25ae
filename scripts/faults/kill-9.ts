// Fault: kill -9 of the whole local stack (Node and the DynamoDB Local JVM) in the middle of
// load, then a restart on the same data folder. Checks that every acknowledged answer is stored,
// every acknowledged submit is scored exactly once with one score.computed webhook id, and no
// webhook id arrives with two payloads. Slow (two cold starts), so a script, not a test:
//
//   pnpm exec tsx scripts/faults/kill-9.ts [--candidates 40] [--before 8] [--crash-after-submits 2]
//
// Exit code 0 when every check holds; the figures go to stdout.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findBuiltin } from '../../packages/playbooks/src/index';
import { readDeadLetters } from '../../packages/local/src/bus/dead-letter-file';
import { call, tenantApi, type Invitation } from '../../packages/cli/src/sim/assay-api';
import {
  checkAcknowledgedAnswers,
  driveCandidate,
  newRecord,
  type CandidateRecord,
} from '../../tests/faults/support/candidates';
import { listening, startStackProcess } from '../../tests/faults/support/stack-process';
import { WebhookReceiver } from '../../tests/faults/support/webhook-receiver';
import { diagnoseUnrelayed } from '../../packages/local/src/streams/diagnose-relay';
import { faultChecks } from '../../tests/faults/support/checks';

const { values } = parseArgs({
  options: {
    candidates: { type: 'string', default: '40' },
    before: { type: 'string', default: '8' },
    'crash-after-submits': { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
  },
});
const CANDIDATES = Number(values.candidates);
const BEFORE = Number(values.before);
const CRASH_AFTER_SUBMITS = Number(values['crash-after-submits']);
const PLAYBOOK = findBuiltin('medical-billing-specialist')!;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const { check, finish } = faultChecks();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const data = mkdtempSync(join(tmpdir(), 'assay-kill9-'));
  const port = await freePort();
  const receiver = await new WebhookReceiver().start();
  let t = performance.now();
  let stack = await startStackProcess(data, port);
  console.log(`stack up in ${((performance.now() - t) / 1000).toFixed(1)} s on ${stack.url}`);
  try {
    const api = tenantApi(stack.url, stack.apiKey);
    receiver.secret = (await api.registerWebhook(receiver.url, ['score.computed'])).secret;
    const assessment = await api.createAssessment(PLAYBOOK.id, {
      playbook: { id: PLAYBOOK.id, version: PLAYBOOK.version },
      title: 'kill -9',
    });
    const invitations: Invitation[] = [];
    for (let i = 0; i < CANDIDATES; i++)
      invitations.push(
        await api.invite(assessment.id, { name: `Crash ${i}`, email: `crash-${i}@example.com` }),
      );
    const records: CandidateRecord[] = invitations.map((inv) => newRecord(inv.token));
    const drive = (i: number, extra: Partial<Parameters<typeof driveCandidate>[0]>) =>
      driveCandidate({
        baseUrl: stack.url,
        invitation: invitations[i]!,
        playbook: PLAYBOOK,
        seed: 1000 + i,
        savesPerItem: 2,
        submit: true,
        record: records[i],
        ...extra,
      });

    // Before the crash: some candidates finish and submit (scoring may still be under way).
    await Promise.all(records.slice(0, BEFORE).map((_, i) => drive(i, {})));
    // Under load: a quarter rush to submit (their scoring is in flight at the kill), the rest
    // autosave drafts with pauses.
    let crashed = false;
    const load = Promise.all(
      records
        .slice(BEFORE)
        .map((_, k) =>
          k % 4 === 0
            ? drive(BEFORE + k, { savesPerItem: 1, stopped: () => crashed })
            : drive(BEFORE + k, { pauseMs: 40, savesPerItem: 3, stopped: () => crashed }),
        ),
    );
    // Kill right after a few of them submitted: their scoring is in the relay or the bus.
    while (records.filter((r) => r.submitted).length < BEFORE + CRASH_AFTER_SUBMITS)
      await sleep(10);
    // Sessions whose score.computed webhook arrived: scoring finished end to end.
    const scoredAtCrash = receiver.idsBySession('score.computed').size;
    const ackedBefore = records.reduce((n, r) => n + r.ackedSaves, 0);
    t = performance.now();
    const killAt = performance.now();
    await stack.kill9();
    crashed = true;
    await load;
    const jvmGone = !(await listening(stack.dynamoEndpoint));
    check(jvmGone, 'kill -9 of the process group took the DynamoDB Local JVM down too');
    const submittedAtCrash = new Set(records.filter((r) => r.submitted).map((r) => r.sessionId));
    const submittedBefore = submittedAtCrash.size;
    const unacked = records.reduce((n, r) => n + r.unacknowledged, 0);
    const ackedItems = records.reduce((n, r) => n + r.acked.size, 0);
    console.log(
      `at the crash: ${submittedBefore} acknowledged submits (${scoredAtCrash} of them scored and notified before it), ${ackedBefore}+ acknowledged saves over ${ackedItems} items, ${unacked} requests in flight or refused (unacknowledged: may be lost)`,
    );

    stack = await startStackProcess(data, port);
    console.log(`restarted in ${((performance.now() - t) / 1000).toFixed(1)} s (kill → ready)`);
    const answers = await checkAcknowledgedAnswers(stack.url, records, killAt);
    check(
      answers.problems.length === 0,
      `${answers.checkedAnswers} acknowledged answers read back with at least their acked seq (${answers.problems.length} problems${answers.problems.length ? `: ${answers.problems.slice(0, 5).join('; ')}` : ''})`,
    );

    // The interrupted candidates resume (same session, later seqs) and submit.
    await Promise.all(
      records.map((r, i) => (r.submitted ? undefined : drive(i, { retryFailures: true }))),
    );
    const submitted = records.filter((r) => r.submitted);
    check(submitted.length === CANDIDATES, `${submitted.length}/${CANDIDATES} sessions submitted`);

    // Settle: every submitted session scored and its webhook received.
    t = performance.now();
    const cards = new Map<string, { scorecardId: string; revision: number; history: unknown[] }>();
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250)) {
      for (const r of submitted) {
        if (cards.has(r.sessionId!)) continue;
        const res = await call(
          stack.url,
          stack.apiKey,
          'GET',
          `/v1/sessions/${r.sessionId}/scorecard`,
          undefined,
          (s) => s === 200 || s === 404,
        );
        if (res.status === 200) cards.set(r.sessionId!, res.body as never);
      }
      const hooks = receiver.idsBySession('score.computed');
      if (cards.size === submitted.length && submitted.every((r) => hooks.has(r.sessionId!))) break;
    }
    console.log(`settled in ${((performance.now() - t) / 1000).toFixed(1)} s after the resumes`);
    const unscored = submitted.filter((r) => !cards.has(r.sessionId!)).map((r) => r.sessionId);
    check(
      cards.size === submitted.length,
      `${cards.size}/${submitted.length} scorecards${unscored.length ? ` (missing: ${unscored.join(', ')}; submitted before the crash: ${unscored.filter((id) => submittedAtCrash.has(id!)).length})` : ''}`,
    );
    for (const r of submitted.filter((x) => !cards.has(x.sessionId!))) {
      // An acknowledged submit whose session is still in progress: the write itself was lost.
      const view = await call(stack.url, r.token, 'POST', `/v1/take/${r.token}/start`);
      console.log(`  ${r.sessionId}: stored status ${(view.body as { status: string }).status}`);
    }
    if (unscored.length)
      await diagnoseUnrelayed(
        stack.dynamoEndpoint,
        data,
        'assay-local-session',
        'demo',
        unscored as string[],
      );
    const once = [...cards.values()].every((c) => c.revision === 0 && c.history.length === 1);
    check(once, 'every scorecard scored once (revision 0, one history entry)');
    const hooks = receiver.idsBySession('score.computed');
    const oneId = submitted.filter((r) => hooks.get(r.sessionId!)?.size === 1).length;
    check(
      oneId === submitted.length,
      `${oneId}/${submitted.length} sessions with exactly one score.computed webhook id`,
    );
    const matching = submitted.filter((r) => {
      const hook = receiver.received.find((w) => w.data.sessionId === r.sessionId);
      return hook !== undefined && hook.data.scorecardId === cards.get(r.sessionId!)?.scorecardId;
    }).length;
    check(matching === submitted.length, `${matching} webhooks name the stored scorecard`);
    const twoPayloads = receiver.idsWithTwoPayloads();
    const deliveries = receiver.received.length;
    const ids = new Set(receiver.received.map((w) => w.id)).size;
    check(
      twoPayloads.length === 0,
      `${deliveries} webhook requests, ${ids} ids, ${deliveries - ids} same-payload redeliveries, ${twoPayloads.length} ids with two payloads`,
    );
    check(receiver.rejected === 0, `${receiver.rejected} webhook signatures failed to verify`);
    const dlq = readDeadLetters(join(data, 'dead-letters.json'));
    check(dlq.length === 0, `${dlq.length} dead letters`);
  } finally {
    await stack.stop();
    await receiver.stop();
    if (!values.keep) rmSync(data, { recursive: true, force: true });
    else console.log(`data kept in ${data}`);
  }
  finish();
}

await main();
