// `assay bench cost`: the variable cost of candidate sessions, from counted work. A metered
// in-memory stack runs the life of N sessions (the tenant invites, the candidate's page loads,
// starts, syncs answers and signals as app.js does, submits; scoring, reporting, audit, one
// webhook, the tenant reads the report, the deadline schedule fires) and the counts are priced.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CostMeter,
  ManualClock,
  captureLogs,
  startBenchStack,
  type LocalStack,
} from '@assay/local';
import { findBuiltin, type Playbook } from '@assay/playbooks';
import type { Answer } from '@assay/scoring';
import { parseCommandArgs } from '../args';
import { CliError } from '../cli-error';
import { call, tenantApi } from '../sim/assay-api';
import { generateAnswer, prng, QUALITIES } from '../sim/synthetic-answers';
import { accessLogLineBytes, costLines } from './cost-model';
import {
  AUTOSAVE_PAGE_POLICY,
  ORIGINAL_PAGE_POLICY,
  pageRequests,
  readPagePolicy,
  type ModelSignal,
  type PagePolicy,
} from './cost-page-model';
import { renderCostReport } from './cost-report';
import { writeCostSection } from './cost-doc';

const USAGE =
  'assay bench cost [--sessions 200] [--per-assessment 25] [--policy page|autosave|original] [--write docs/cost.md]';
const PLAYBOOK = 'medical-billing-specialist';
const SEED = 20261123;
/** index.html, app.js, app.css: served by CloudFront from S3, not by the API. */
const PAGE_FILES = 3;

export async function runCostBench(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      sessions: { type: 'string', default: '200' },
      'per-assessment': { type: 'string', default: '25' },
      policy: { type: 'string', default: 'page' },
      write: { type: 'string' },
    },
    USAGE,
  );
  const sessions = positive(values.sessions, '--sessions');
  const perAssessment = positive(values['per-assessment'], '--per-assessment');
  const policies: Record<string, () => PagePolicy> = {
    page: readPagePolicy,
    autosave: () => AUTOSAVE_PAGE_POLICY,
    original: () => ORIGINAL_PAGE_POLICY,
  };
  const choose = policies[values.policy ?? 'page'];
  if (!choose)
    throw new CliError(
      '--policy must be page (app.js as it is), autosave (a request per save, before the sync route) or original (before issue #8)',
    );
  const policy = choose();
  const playbook = findBuiltin(PLAYBOOK);
  if (!playbook) throw new CliError('the built-in playbook is missing', 1);
  // The deployed log level, so log volume is what CloudWatch would ingest.
  process.env.ASSAY_LOG_LEVEL = prodLogLevel();

  const meter = new CostMeter();
  const clock = new ManualClock(new Date());
  const receiver = await webhookReceiver();
  process.stderr.write('Starting a metered in-memory local stack…\n');
  const stack = await startBenchStack({ meter, clock });
  meter.reset();
  const restoreLogs = captureLogs(meter);
  let run: RunFigures;
  try {
    run = await runSessions(stack, clock, playbook, policy, sessions, perAssessment, receiver);
  } finally {
    restoreLogs();
    await stack.stop();
    await new Promise((done) => receiver.server.close(done));
  }
  const { ACCESS_LOG_FORMAT } = await import('../../../../infra/lib/http-api');
  const lines = costLines({
    snapshot: meter.snapshot(),
    sessions,
    staticRequestsPerSession: PAGE_FILES,
    accessLogLineBytes: accessLogLineBytes(ACCESS_LOG_FORMAT),
  });
  const report = renderCostReport({
    sessions,
    playbook: playbook.title,
    items: playbook.items.length,
    perAssessment,
    policy,
    snapshot: meter.snapshot(),
    lines,
    ...run,
  });
  console.log(report.text);
  if (values.write) {
    await writeCostSection(values.write, report.markdown);
    console.log(`\nwrote the measured section of ${values.write}`);
  }
  return 0;
}

export interface RunFigures {
  webhooksReceived: number;
  sessionMinutes: number;
  savesPerSession: number;
  signalRequestsPerSession: number;
  syncsPerSession: number;
}

async function runSessions(
  stack: LocalStack,
  clock: ManualClock,
  playbook: Playbook,
  policy: PagePolicy,
  sessions: number,
  perAssessment: number,
  receiver: { url: string; received: () => number },
): Promise<RunFigures> {
  const tenant = tenantApi(stack.url, stack.demo.apiKey);
  await tenant.registerWebhook(receiver.url, ['score.computed'], 'cost bench');
  const random = prng(SEED);
  const sessionIds: string[] = [];
  let assessmentId = '';
  let saves = 0;
  let signalRequests = 0;
  let syncs = 0;
  let minutes = 0;
  for (let n = 0; n < sessions; n++) {
    if (n % perAssessment === 0) assessmentId = (await tenant.createAssessment(PLAYBOOK)).id;
    const invitation = await tenant.invite(assessmentId, {
      name: `Candidate ${n}`,
      email: `candidate-${n}@example.com`,
    });
    const quality = QUALITIES[n % QUALITIES.length]!;
    const taken = await takeLikeThePage(
      stack.url,
      invitation.token,
      playbook,
      quality,
      policy,
      random,
    );
    sessionIds.push(taken.sessionId);
    saves += taken.saves;
    signalRequests += taken.signalRequests;
    syncs += taken.syncs;
    minutes += taken.minutes;
    if ((n + 1) % 10 === 0 || n + 1 === sessions)
      process.stderr.write(`\r  ${n + 1}/${sessions} sessions`);
  }
  process.stderr.write('\n');
  await settle(stack);
  // The tenant reads each session's report once.
  for (const id of sessionIds) await tenant.send('GET', `/v1/reports/sessions/${id}`);
  // Past every deadline: the one-time schedules fire (the sessions are already submitted).
  clock.advanceBy(6 * 3600_000);
  await stack.scheduler.runDue();
  await settle(stack);
  return {
    webhooksReceived: receiver.received(),
    sessionMinutes: minutes / sessions,
    savesPerSession: saves / sessions,
    signalRequestsPerSession: signalRequests / sessions,
    syncsPerSession: syncs / sessions,
  };
}

/** The page's requests for one session: load, start, syncs (or saves and signals), submit. */
async function takeLikeThePage(
  baseUrl: string,
  token: string,
  playbook: Playbook,
  quality: (typeof QUALITIES)[number],
  policy: PagePolicy,
  random: () => number,
): Promise<{
  sessionId: string;
  saves: number;
  signalRequests: number;
  syncs: number;
  minutes: number;
}> {
  await call(baseUrl, token, 'GET', `/v1/take/${encodeURIComponent(token)}`);
  const started = await call(baseUrl, token, 'POST', `/v1/take/${encodeURIComponent(token)}/start`);
  const session = started.body as { id: string; form: { items: { id: string }[] } };
  // The page reads the session back after starting (for the server's clock).
  await call(baseUrl, token, 'GET', `/v1/take/${encodeURIComponent(token)}`);
  const byId = new Map(playbook.items.map((item) => [item.id, item]));
  const items = session.form.items.map(({ id }) => {
    const item = byId.get(id);
    if (!item) throw new CliError(`item ${id} is not in playbook ${playbook.id}`, 1);
    return item;
  });
  const answers = new Map<string, Answer>();
  for (const item of items) {
    const answer = generateAnswer(item, quality, random);
    if (answer !== undefined) answers.set(item.id, answer);
  }
  const { requests, durationMs } = pageRequests(items, answers, policy, random);
  // Signals carry their own (virtual) times, so each batch is distinct as the page's are.
  const startedAt = Date.now();
  const wire = (signals: ModelSignal[]) =>
    signals.map((s) => ({ ...s, at: new Date(startedAt + s.at).toISOString() }));
  const sessionPath = `/v1/sessions/${session.id}`;
  for (const request of requests) {
    if (request.kind === 'sync') {
      const { answers: batch, signals } = request;
      await call(baseUrl, token, 'POST', `${sessionPath}/sync`, {
        ...(batch.length ? { answers: batch } : {}),
        ...(signals.length ? { signals: wire(signals) } : {}),
      });
    } else if (request.kind === 'save') {
      const path = `${sessionPath}/answers/${encodeURIComponent(request.itemId)}`;
      await call(baseUrl, token, 'PUT', path, { seq: request.seq, answer: request.answer });
    } else {
      await call(baseUrl, token, 'POST', `${sessionPath}/signals`, {
        signals: wire(request.signals),
      });
    }
  }
  await call(baseUrl, token, 'POST', `${sessionPath}/submit`);
  const count = (kind: (typeof requests)[number]['kind']) =>
    requests.filter((r) => r.kind === kind).length;
  return {
    sessionId: session.id,
    saves: count('save'),
    signalRequests: count('signals'),
    syncs: count('sync'),
    minutes: durationMs / 60_000,
  };
}

/** Relay and deliver until nothing new moves (a delivery may write more outbox items). */
async function settle(stack: LocalStack): Promise<void> {
  let relayed = -1;
  while (relayed !== stack.relay.relayed) {
    relayed = stack.relay.relayed;
    await stack.settle();
  }
}

/** The tenant's webhook endpoint: answers 204 to every delivery and counts them. */
async function webhookReceiver(): Promise<{ url: string; server: Server; received: () => number }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, server, received: () => received };
}

function prodLogLevel(): string {
  const config = JSON.parse(
    readFileSync(new URL('../../../../infra/config/prod.json', import.meta.url), 'utf8'),
  ) as { logLevel?: string };
  return config.logLevel ?? 'INFO';
}

function positive(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new CliError(`${flag} must be 1–100000`);
  return n;
}
