// `assay demo`: a whole hiring round on the local stack, end to end over HTTP. See
// ../demo/hiring-round.ts for the steps and README "See it work" for what it prints.
import { join } from 'node:path';
import { parseCommandArgs } from '../args';
import { CliError } from '../cli-error';
import { ApiError } from '../sim/assay-api';
import { runHiringRound } from '../demo/hiring-round';
import { summaryLines } from '../demo/summary';
import { assertLoopback, resolveTarget } from '../demo/target';

const USAGE =
  'assay demo [--candidates 60] [--url http://127.0.0.1:PORT --key ak_…] [--in-memory] [--data .assay] [--out DIR] [--seed 1] [--concurrency 8] [--timeout 60]';

function intOption(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(`--${name} must be a whole number ${min}–${max}, got ${value}`);
  return n;
}

/** `.assay/demo/2026-11-23T15-04-05Z`: sortable, and safe in every file system. */
function timestamp(now = new Date()): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      candidates: { type: 'string', default: '60' },
      url: { type: 'string' },
      key: { type: 'string' },
      // Ignore a running stack and start a private one (what the tests do).
      'in-memory': { type: 'boolean', default: false },
      data: { type: 'string', default: '.assay' },
      // With --in-memory: keep the in-process stack's tables in this DynamoDB Local instead of
      // starting one (the tests share one; ASSAY_STAGE keeps their tables apart).
      'dynamo-endpoint': { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '8' },
      timeout: { type: 'string', default: '60' },
    },
    USAGE,
  );
  const candidates = intOption('candidates', values.candidates, 1, 1000);
  const seed = intOption('seed', values.seed, 0, 2 ** 31 - 1);
  const concurrency = intOption('concurrency', values.concurrency, 1, 64);
  const timeoutMs = intOption('timeout', values.timeout, 1, 3600) * 1000;
  if (values['dynamo-endpoint'] !== undefined) {
    if (!values['in-memory']) throw new CliError('--dynamo-endpoint goes with --in-memory');
    assertLoopback(values['dynamo-endpoint'], '--dynamo-endpoint');
  }
  const outDir = values.out ?? join(values.data, 'demo', timestamp());

  const started = performance.now();
  console.log(`Assay demo: a hiring round with ${candidates} synthetic candidates`);
  const target = await resolveTarget({
    url: values.url,
    key: values.key,
    dataDir: values.data,
    inMemory: values['in-memory'],
    dynamoEndpoint: values['dynamo-endpoint'],
  });
  console.log(`  ${target.description}`);
  // Ctrl-C mid-round: remove the demo's webhook endpoint from a stack that keeps running, and
  // stop a stack the demo started, before exiting.
  const undo: (() => Promise<void>)[] = [];
  const interrupted = () => {
    console.log('\nInterrupted; cleaning up…');
    void (async () => {
      for (const step of undo.reverse()) await step().catch(() => undefined);
      await target.stop().catch(() => undefined);
    })().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const result = await runHiringRound({
      url: target.url,
      apiKey: target.apiKey,
      candidates,
      concurrency,
      seed,
      outDir,
      timeoutMs,
      out: (line) => console.log(line),
      onInterrupt: (step) => undo.push(step),
    });
    console.log(summaryLines(result, performance.now() - started).join('\n'));
    return 0;
  } catch (err) {
    // Failures inside the round are one line for the user; bugs keep main.ts's handling.
    if (err instanceof CliError) throw err;
    if (err instanceof ApiError) throw new CliError(err.message, 1);
    if (err instanceof TypeError && err.message === 'fetch failed')
      throw new CliError(`lost the connection to the stack at ${target.url}`, 1);
    throw err;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await target.stop();
  }
}
