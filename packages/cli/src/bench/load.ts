// `assay bench load`: many simulated candidates autosaving at once against a local stack, then
// every record counted. See docs/BENCHMARKS.md ("Load: candidates autosaving").
import { startBenchStack, type LocalStack } from '@assay/local';
import { findBuiltin } from '@assay/playbooks';
import { CliError } from '../cli-error';
import { ApiError, call, tenantApi } from '../sim/assay-api';
import { takeAssessment } from '../sim/candidate';
import { prng, QUALITIES } from '../sim/synthetic-answers';
import { parseLoadOptions, type LoadOptions } from './load-options';
import { verifyByCounting, type SimulatedCandidate } from './load-verify';
import { percentile } from './percentiles';
import { findDynamoDbLocalPid, peakRssBytes, startCpuWindow } from './process-stats';
import { WebhookReceiver, type ReceivedWebhook } from './webhook-receiver';

const PLAYBOOK_ID = 'medical-billing-specialist';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const n = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number | undefined) => (bytes === undefined ? '?' : `${n(bytes / 2 ** 20)} MB`);

interface Counters {
  saves: number;
  notApplied: number;
  inFlight: number;
  errors: number;
  /** "submit 500" → count: which step failed and how. */
  errorKinds: Map<string, number>;
  lastError?: string;
  submitted: number;
  latencies: number[];
  /** performance.now() of each acknowledged save, for the steady-state rate. */
  completedAt: number[];
}

export async function runLoadBench(argv: string[]): Promise<number> {
  const options = parseLoadOptions(argv);
  const playbook = findBuiltin(PLAYBOOK_ID);
  if (!playbook) throw new CliError(`the built-in playbook ${PLAYBOOK_ID} is missing`, 1);

  let stack: LocalStack | undefined;
  const receiver = await WebhookReceiver.start();
  try {
    if (!options.target) {
      console.log('Starting an in-memory local stack in this process…');
      stack = await startBenchStack();
    }
    const baseUrl = options.target?.url ?? stack!.url;
    const apiKey = options.target?.key ?? stack!.demo.apiKey;
    const jvmPid = stack && findDynamoDbLocalPid(Number(new URL(stack.dynamoEndpoint).port));
    return await drive(options, baseUrl, apiKey, playbook, receiver, jvmPid);
  } finally {
    await receiver.close();
    await stack?.stop();
  }
}

async function drive(
  options: LoadOptions,
  baseUrl: string,
  apiKey: string,
  playbook: NonNullable<ReturnType<typeof findBuiltin>>,
  receiver: WebhookReceiver,
  jvmPid: number | undefined,
): Promise<number> {
  const tenant = tenantApi(baseUrl, apiKey);
  const endpoint = await tenant.registerWebhook(receiver.url, ['score.computed'], 'load bench');
  receiver.useSecret(endpoint.secret);
  try {
    return await simulateAll(options, baseUrl, apiKey, playbook, receiver, jvmPid);
  } finally {
    // A running stack must not keep an endpoint pointing at this receiver once it is gone.
    await tenant
      .send('DELETE', `/v1/webhooks/endpoints/${endpoint.endpointId}`)
      .catch(() =>
        console.log('could not delete the bench webhook endpoint ' + endpoint.endpointId),
      );
  }
}

async function simulateAll(
  options: LoadOptions,
  baseUrl: string,
  apiKey: string,
  playbook: NonNullable<ReturnType<typeof findBuiltin>>,
  receiver: WebhookReceiver,
  jvmPid: number | undefined,
): Promise<number> {
  const tenant = tenantApi(baseUrl, apiKey);
  const assessment = await tenant.createAssessment(PLAYBOOK_ID, {
    playbook: { id: PLAYBOOK_ID, version: playbook.version },
    title: 'Load bench',
  });
  // Enough drafts per item that a candidate still has something to save when time is up.
  const ticks = Math.ceil(options.duration / options.saveInterval);
  const drafts = Math.max(0, Math.ceil(ticks / Math.max(1, assessment.itemCount)) - 1);

  process.stderr.write(`inviting ${n(options.candidates)} candidates…\n`);
  const candidates: SimulatedCandidate[] = new Array(options.candidates);
  let invited = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (invited < options.candidates) {
        const i = invited++;
        const inv = await tenant.invite(assessment.id, {
          name: `Load ${i}`,
          email: `load-${i}@example.com`,
        });
        candidates[i] = {
          token: inv.token,
          invitationId: inv.id,
          acked: new Map(),
          submitted: false,
          failed: false,
        };
      }
    }),
  );

  console.log(
    `load: ${n(options.candidates)} candidates × ${options.duration} s, a save every ${options.saveInterval} s (±20 %), ` +
      `starts over ${options.ramp} s, ${assessment.itemCount} items, drafts per item ${drafts}; ` +
      `${stack(options)}`,
  );
  const counters: Counters = {
    saves: 0,
    notApplied: 0,
    inFlight: 0,
    errors: 0,
    errorKinds: new Map(),
    submitted: 0,
    latencies: [],
    completedAt: [],
  };
  const submitSentAt = new Map<string, number>();
  const cpu = startCpuWindow(jvmPid);
  const t0 = performance.now();
  const progress = setInterval(
    () => {
      const seconds = (performance.now() - t0) / 1000;
      process.stderr.write(
        `  ${n(seconds)} s  saves ${n(counters.saves)} (${n(counters.saves / seconds)}/s)  in flight ${counters.inFlight}  ` +
          `submitted ${n(counters.submitted)}  errors ${counters.errors}\n`,
      );
    },
    options.duration <= 10 ? 1000 : 5000,
  );
  try {
    await Promise.all(
      candidates.map((c, i) =>
        simulate(c, i, options, { baseUrl, playbook, drafts, counters, submitSentAt, t0 }),
      ),
    );
  } finally {
    clearInterval(progress);
  }
  const savingDone = performance.now();

  // Every submitted session's score.computed webhook: wait while they keep arriving (a backlog
  // drains at reporting's pace), give up after 2 minutes without one or 10 minutes in all.
  const submitted = candidates.filter((c) => c.submitted);
  const missing = () => submitted.filter((c) => !receiver.idsBySession.has(c.sessionId!)).length;
  const giveUpAt = performance.now() + 600_000;
  for (let left = missing(), progressAt = performance.now(); left > 0; left = missing()) {
    if (performance.now() - progressAt > 120_000 || performance.now() > giveUpAt) break;
    await sleep(50);
    if (missing() < left) progressAt = performance.now();
  }
  await sleep(500); // a late duplicate would show up here
  const selfCpu = cpu.self();
  const jvmCpu = cpu.other();

  const hooks = submitted.flatMap((c) => {
    const [id] = receiver.idsBySession.get(c.sessionId!) ?? [];
    const hook = id === undefined ? undefined : receiver.byId.get(id);
    return hook ? [{ hook, sentAt: submitSentAt.get(c.sessionId!)! }] : [];
  });
  printFigures(options, counters, hooks, submitted.length, t0, savingDone);
  console.log(
    `cpu                this process ${n(selfCpu.percent)} % of one core (${n(selfCpu.cpuSeconds, 1)} s over ${n(selfCpu.wallSeconds, 1)} s)` +
      (jvmCpu
        ? `; DynamoDB Local JVM ${n(jvmCpu.percent)} % (${n(jvmCpu.cpuSeconds, 1)} s)`
        : options.target
          ? ' (the load generator only; the stack and its DynamoDB Local JVM run elsewhere, excluded)'
          : '; DynamoDB Local JVM excluded (its process was not found)'),
  );
  console.log(
    `rss peak           this process ${mb(peakRssBytes('self'))}` +
      (jvmPid ? `; DynamoDB Local JVM ${mb(peakRssBytes(jvmPid))}` : ''),
  );
  if (counters.errors > 0) {
    const kinds = [...counters.errorKinds].map(([kind, count]) => `${count} × ${kind}`);
    console.log(`errors             ${kinds.join(', ')}; last: ${counters.lastError}`);
  }

  const verification = await verifyByCounting(baseUrl, apiKey, assessment.id, candidates, receiver);
  for (const line of verification.lines) console.log(line);
  return verification.ok && counters.errors === 0 ? 0 : 1;
}

const stack = (options: LoadOptions) =>
  options.target ? `driving ${options.target.url}` : 'in-memory stack in this process';

interface SimulationContext {
  baseUrl: string;
  playbook: NonNullable<ReturnType<typeof findBuiltin>>;
  drafts: number;
  counters: Counters;
  submitSentAt: Map<string, number>;
  t0: number;
}

/** One candidate: start at its slot of the ramp, autosave until its time is up, submit. */
async function simulate(
  c: SimulatedCandidate,
  index: number,
  options: LoadOptions,
  ctx: SimulationContext,
): Promise<void> {
  const { counters } = ctx;
  const jitter = prng(options.seed * 7919 + index);
  const startAt = ctx.t0 + (options.ramp * 1000 * index) / options.candidates;
  await sleep(startAt - performance.now());
  const endAt = performance.now() + options.duration * 1000;
  let stopNow = false;
  let saving = false;
  let step = 'start';
  try {
    await takeAssessment({
      baseUrl: ctx.baseUrl,
      token: c.token,
      playbook: ctx.playbook,
      quality: QUALITIES[index % QUALITIES.length]!,
      random: prng(options.seed + index),
      drafts: ctx.drafts,
      submit: false,
      onStarted: (id) => {
        c.sessionId = id;
        step = 'save';
      },
      pause: async () => {
        await sleep(options.saveInterval * 1000 * (0.8 + 0.4 * jitter()));
        stopNow = performance.now() >= endAt;
        if (!stopNow) {
          saving = true;
          counters.inFlight++;
        }
      },
      stop: () => stopNow,
      onSave: (ms, save) => {
        saving = false;
        counters.inFlight--;
        counters.saves++;
        counters.latencies.push(ms);
        counters.completedAt.push(performance.now());
        if (!save.applied) counters.notApplied++;
        c.acked.set(save.itemId, { seq: save.seq, answer: save.answer });
      },
    });
    step = 'submit';
    ctx.submitSentAt.set(c.sessionId!, performance.now());
    await call(ctx.baseUrl, c.token, 'POST', `/v1/sessions/${c.sessionId!}/submit`);
    c.submitted = true;
    counters.submitted++;
  } catch (err) {
    if (saving) counters.inFlight--;
    c.failed = true;
    counters.errors++;
    const kind = `${step} ${err instanceof ApiError ? err.status : 'network'}`;
    counters.errorKinds.set(kind, (counters.errorKinds.get(kind) ?? 0) + 1);
    counters.lastError = err instanceof Error ? err.message : String(err);
  }
}

function printFigures(
  options: LoadOptions,
  counters: Counters,
  webhooks: { hook: ReceivedWebhook; sentAt: number }[],
  submitted: number,
  t0: number,
  savingDone: number,
) {
  const lat = [...counters.latencies].sort((a, b) => a - b);
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  const hooks = sorted(webhooks.map(({ hook, sentAt }) => hook.receivedAt - sentAt));
  // Where the time goes: the event's own timestamp says when scoring finished (ms precision).
  const timed = webhooks.filter(({ hook }) => hook.occurredAt !== undefined);
  const scoring = sorted(timed.map(({ hook, sentAt }) => hook.occurredAt! - sentAt));
  const delivery = sorted(timed.map(({ hook }) => hook.receivedAt - hook.occurredAt!));
  const ms = (xs: number[], p: number) => `${n(percentile(xs, p), 1)} ms`;
  // Steady state: from the last candidate's first save to the first candidate's last one.
  const from = t0 + (options.ramp + options.saveInterval * 1.2) * 1000;
  const to = t0 + options.duration * 1000;
  const steady =
    to - from >= 1000
      ? counters.completedAt.filter((t) => t >= from && t < to).length / ((to - from) / 1000)
      : undefined;
  const overall = counters.saves / ((savingDone - t0) / 1000);
  console.log(
    `saves              ${n(counters.saves)} acknowledged, ${counters.notApplied} not applied, ${counters.errors} errors`,
  );
  console.log(
    `saves/s            ${steady === undefined ? 'steady state n/a (run shorter than ramp + interval)' : `sustained ${n(steady)} (all candidates active)`}; overall ${n(overall)}`,
  );
  console.log(
    lat.length
      ? `save latency       p50 ${ms(lat, 50)}  p99 ${ms(lat, 99)}  max ${n(lat.at(-1)!, 1)} ms`
      : 'save latency       no saves',
  );
  if (steady !== undefined) {
    // The same, only while no candidate starts or submits (those share DynamoDB Local too).
    const inWindow = counters.latencies
      .filter((_, i) => counters.completedAt[i]! >= from && counters.completedAt[i]! < to)
      .sort((a, b) => a - b);
    if (inWindow.length)
      console.log(
        `  steady state     p50 ${ms(inWindow, 50)}  p99 ${ms(inWindow, 99)}  max ${n(inWindow.at(-1)!, 1)} ms (${n(inWindow.length)} saves)`,
      );
  }
  console.log(
    hooks.length
      ? `submit → webhook   p50 ${ms(hooks, 50)}  p99 ${ms(hooks, 99)}  max ${n(hooks.at(-1)!, 1)} ms (${n(hooks.length)} of ${n(submitted)} received)`
      : `submit → webhook   none received of ${n(submitted)}`,
  );
  if (timed.length)
    console.log(
      `  of which         submit → scored p50 ${ms(scoring, 50)}  p99 ${ms(scoring, 99)}; scored → received p50 ${ms(delivery, 50)}  p99 ${ms(delivery, 99)}`,
    );
}
