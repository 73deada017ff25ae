// `assay bench scoring`: full 21-item answer sheets through the scoring engine, on one core.
// Sheets are generated from the built-in playbook (its own step descriptions, concept terms and
// keys) in a spread of qualities, with a fixed seed so every run scores the same sheets.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { findBuiltin, type Item, type Playbook } from '@assay/playbooks';
import { score, type Answer, type Answers } from '@assay/scoring';
import { parseCommandArgs } from '../args';
import { CliError } from '../cli-error';
import { percentile } from './percentiles';

const USAGE = 'assay bench scoring [--sheets 200000] [--quiet]';
const POOL_SIZE = 512;
const WARMUP_SHEETS = 2_000;
const SEED = 20261123;
const QUALITIES = ['strong', 'average', 'weak', 'stuffed'] as const;
type Quality = (typeof QUALITIES)[number];

/** mulberry32: a tiny seeded PRNG, so the generated sheets are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** "1234.5" → "1,234.50", as candidates type money (no Intl: the output must not depend on locale). */
function money(value: number): string {
  const [whole, cents = ''] = value.toFixed(2).split('.');
  return `$${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

const FILLER = [
  'I checked the account history before doing anything else.',
  'It is important to keep the patient informed along the way.',
  'I would note everything in the account so the next person can follow it.',
  'This usually takes a few days, depending on the payer.',
];

function generateAnswer(item: Item, quality: Quality, random: () => number): Answer | undefined {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const hits =
    quality === 'strong' ? 0.95 : quality === 'average' ? 0.65 : quality === 'weak' ? 0.3 : 0.8;
  switch (item.type) {
    case 'sjt': {
      if (random() < hits) return { ...item.key };
      const [best, worst] = shuffle([...item.options], random).map((o) => o.id);
      return { best: best!, worst: worst! };
    }
    case 'detail': {
      const response = item.response;
      if (response.kind === 'choice')
        return { choice: random() < hits ? response.key : pick(response.options).id };
      const value = random() < hits ? response.key : response.key + 10 * Math.ceil(random() * 5);
      return { value: pick([money(value), String(value), value, `${value} `]) };
    }
    case 'written': {
      const terms = item.criteria.flatMap((c) =>
        c.feature.kind === 'concepts' ? c.feature.concepts.map((k) => pick(k.terms)) : [],
      );
      const used = terms.filter(() => random() < hits);
      if (quality === 'stuffed') return { text: used.join(' ') };
      const body = used.map((t) =>
        pick([
          `I want to explain ${t} clearly.`,
          `Please see ${t} below.`,
          `We can talk about ${t} today.`,
        ]),
      );
      const filler = Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(FILLER));
      return {
        text: ['Dear Ms. Smith,', '', ...body, ...filler, '', 'Kind regards,', 'Anna'].join('\n'),
      };
    }
    case 'procedure': {
      const steps = item.steps.filter(() => random() < hits);
      if (quality === 'stuffed') return { text: steps.map((s) => pick(s.terms)).join(', ') };
      if (quality === 'weak') shuffle(steps, random);
      const lines = steps.map((s, i) => {
        const action = s.description.charAt(0).toLowerCase() + s.description.slice(1);
        const negated = quality === 'weak' && random() < 0.3;
        return `${i + 1}. ${negated ? 'I would not' : pick(['I would', 'Then I would', 'Next, I would'])} ${action}, and ${pick(FILLER).toLowerCase()}`;
      });
      return { text: lines.join('\n') };
    }
  }
}

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
