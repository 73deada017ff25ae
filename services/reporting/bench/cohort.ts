// The cohort report as a pure function over 10,000 scored candidates (no I/O):
//   pnpm exec tsx services/reporting/bench/cohort.ts [candidates]
import { cohortCsv, cohortReport, type CohortMember } from '../src/domain/cohort';

const candidates = Number(process.argv[2] ?? 10_000);
const ITEMS = 21;
const RUNS = 5;

/** A deterministic generator (xorshift32), so every run reports the same cohort. */
function rng(seed: number) {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) % 1_000_000) / 1_000_000;
  };
}

const next = rng(42);
const members: CohortMember[] = Array.from({ length: candidates }, (_, i) => {
  const ability = next();
  const items: CohortMember['items'] = {};
  let points = 0;
  for (let k = 0; k < ITEMS; k++) {
    const max = k < 6 ? 2 : k < 14 ? 1 : 10;
    const score = Math.round(Math.min(1, Math.max(0, ability + (next() - 0.5) * 0.6)) * max);
    items[`item-${k}`] = { type: k < 6 ? 'sjt' : k < 14 ? 'detail' : 'written', score, max };
    points += score / max;
  }
  const total = Math.round((1000 * points) / ITEMS) / 10;
  return {
    sessionId: `ses_${String(i).padStart(26, '0')}`,
    total,
    band:
      total >= 80
        ? 'strong'
        : total >= 65
          ? 'proceed'
          : total >= 50
            ? 'borderline'
            : 'not-recommended',
    sections: { judgment: { score: total } },
    items,
    choices: { 'item-0': { best: ['a', 'b', 'c', 'd'][i % 4]!, worst: ['d', 'c'][i % 2]! } },
  };
});

const times: number[] = [];
let alpha: number | null = null;
for (let r = 0; r < RUNS; r++) {
  const start = performance.now();
  const report = cohortReport(members);
  cohortCsv(report);
  times.push(performance.now() - start);
  alpha = report.reliability.alpha;
}
times.sort((a, b) => a - b);
console.log(
  `cohort report + CSV, ${candidates} candidates × ${ITEMS} items: median ${times[RUNS >> 1]!.toFixed(0)} ms, worst ${times.at(-1)!.toFixed(0)} ms of ${RUNS} runs (alpha ${alpha?.toFixed(3)})`,
);
