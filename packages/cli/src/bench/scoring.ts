// `assay bench scoring`: full 21-item answer sheets through the scoring engine, on one core.
// Sheets are generated from the built-in playbook (its own step descriptions, concept terms and
// keys) in a spread of qualities, with a fixed seed so every run scores the same sheets.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { findBuiltin, type Playbook } from '@assay/playbooks';
import { score, type Answers } from '@assay/scoring';
import { parseCommandArgs } from '../args';
import { CliError } from '../cli-error';
import { generateAnswer, prng, QUALITIES } from '../sim/synthetic-answers';
import { percentile } from './percentiles';

const USAGE = 'assay bench scoring [--sheets 200000] [--quiet]';
const POOL_SIZE = 512;
const WARMUP_SHEETS = 2_000;
const SEED = 20261123;

function generateSheets(playbook: Playbook): { answers: Answers; textBytes: number }[] {
  const random = prng(SEED);
  return Array.from({ length: POOL_SIZE }, (_, n) => {
    const quality = QUALITIES[n % QUALITIES.length]!;
    const answers: Answers = {};
    let textBytes = 0;
    for (const item of playbook.items) {
      const answer = generateAnswer(item, quality, random);
      if (answer === undefined) continue;
      answers[item.id] = answer;
      if ('text' in answer) textBytes += Buffer.byteLength(answer.text, 'utf8');
    }
    return { answers, textBytes };
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Heap in use after a full collection, so start and end compare live memory, not garbage. */
function liveHeap(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

export async function runScoringBench(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { sheets: { type: 'string', default: '200000' }, quiet: { type: 'boolean', default: false } },
    USAGE,
  );
  const count = Number(values.sheets);
  if (!Number.isInteger(count) || count < 1)
    throw new CliError('--sheets must be a positive integer');
  const playbook = findBuiltin('medical-billing-specialist');
  if (!playbook) throw new CliError('the built-in playbook is missing', 1);

  const pool = generateSheets(playbook);
  for (let i = 0; i < WARMUP_SHEETS; i++) score(playbook, pool[i % POOL_SIZE]!.answers);
  const micros = new Float64Array(count);
  const heapStart = liveHeap();
  let heapPeak = heapStart;
  let textBytes = 0;
  const progressEvery = Math.max(1, Math.floor(count / 10));

  console.log(
    `scoring ${count} sheets of ${playbook.items.length} items (${POOL_SIZE} distinct, 4 qualities), one core, node ${process.version}`,
  );
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const sheet = pool[i % POOL_SIZE]!;
    const t0 = process.hrtime.bigint();
    score(playbook, sheet.answers);
    micros[i] = Number(process.hrtime.bigint() - t0) / 1000;
    textBytes += sheet.textBytes;
    if ((i + 1) % progressEvery === 0) {
      const heap = process.memoryUsage().heapUsed;
      heapPeak = Math.max(heapPeak, heap);
      if (!values.quiet) {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        process.stderr.write(
          `  ${i + 1}/${count} sheets, ${Math.round((i + 1) / seconds)} sheets/s, heap ${mb(heap)}\n`,
        );
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const heapEnd = liveHeap();

  const sorted = Array.from(micros.sort());
  console.log(`sheets/s          ${Math.round(count / seconds)}`);
  console.log(
    `µs per sheet      p50 ${percentile(sorted, 50).toFixed(0)}  p99 ${percentile(sorted, 99).toFixed(0)}  max ${sorted.at(-1)!.toFixed(0)}`,
  );
  console.log(
    `answer text       ${(textBytes / count / 1024).toFixed(1)} KB/sheet, ${(textBytes / 1024 / 1024 / seconds).toFixed(1)} MB/s`,
  );
  console.log(
    `heap used         start ${mb(heapStart)}, end ${mb(heapEnd)} after full GC; peak sampled ${mb(heapPeak)}`,
  );
  return 0;
}
