// The cohort statistics: pure functions over plain numbers, no I/O, so they are unit-tested
// against hand-computed values and benchmarked without a stack.

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Population variance (÷ n), the convention of Cronbach's alpha and the SEM. */
export function variance(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const m = mean(xs);
  return xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / xs.length;
}

/** Pearson's r; null when either side has no variance (the correlation is undefined). */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/**
 * Percentile rank of each score: the share of the cohort below it plus half the share equal
 * to it, × 100 (the mid-rank definition, so ties share one rank and the median sits at 50).
 */
export function percentileRanks(scores: readonly number[]): number[] {
  const sorted = [...scores].sort((a, b) => a - b);
  const n = sorted.length;
  return scores.map((s) => {
    const below = lowerBound(sorted, s);
    const equal = lowerBound(sorted, s, true) - below;
    return (100 * (below + equal / 2)) / n;
  });
}

function lowerBound(sorted: readonly number[], value: number, inclusive = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inclusive ? sorted[mid]! <= value : sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts per bin of `width` over 0–100; the last bin includes 100. */
export function histogram(
  scores: readonly number[],
  width = 10,
): { from: number; to: number; count: number }[] {
  const bins = Array.from({ length: Math.ceil(100 / width) }, (_, i) => ({
    from: i * width,
    to: Math.min(100, (i + 1) * width),
    count: 0,
  }));
  for (const s of scores) {
    const i = Math.min(bins.length - 1, Math.max(0, Math.floor(s / width)));
    bins[i]!.count += 1;
  }
  return bins;
}

export interface ItemStatistics {
  itemId: string;
  n: number;
  /** Mean share of the item's points earned (classical p-value: higher is easier). */
  difficulty: number;
  /** r between the item and the total of the other items; null without variance. */
  correctedItemTotal: number | null;
}

export interface ReliabilityStatistics {
  items: ItemStatistics[];
  /** Over the items every respondent was given; null with fewer than 2 items or no variance. */
  alpha: number | null;
  /** Standard error of measurement in total points: SD × √(1 − alpha). */
  sem: number | null;
  itemsInAlpha: number;
}

/**
 * Classical item analysis of a points matrix: `rows[r][item] = { score, max }` (an item
 * absent from a row was not drawn for that respondent). Difficulty and the corrected item–total
 * correlation use the respondents who had the item; alpha and the SEM use the items every
 * respondent had (sampled forms would otherwise mix different tests).
 */
export function itemAnalysis(
  itemIds: readonly string[],
  rows: readonly Record<string, { score: number; max: number }>[],
): ReliabilityStatistics {
  // Each row's total once, so an item's "rest" score is one subtraction, not a re-sum.
  const rowTotals = rows.map((r) => Object.values(r).reduce((sum, x) => sum + x.score, 0));
  const items: ItemStatistics[] = itemIds.map((itemId) => {
    const own: number[] = [];
    const rest: number[] = [];
    let share = 0;
    rows.forEach((r, i) => {
      const cell = r[itemId];
      if (cell === undefined) return;
      own.push(cell.score);
      rest.push(rowTotals[i]! - cell.score);
      share += cell.max > 0 ? cell.score / cell.max : 0;
    });
    return {
      itemId,
      n: own.length,
      difficulty: own.length === 0 ? 0 : share / own.length,
      correctedItemTotal: own.length < 2 ? null : pearson(own, rest),
    };
  });
  const common = itemIds.filter((id) => rows.length > 0 && rows.every((r) => r[id] !== undefined));
  const k = common.length;
  if (k < 2 || rows.length < 2) return { items, alpha: null, sem: null, itemsInAlpha: k };
  const totals = rows.map((r) => common.reduce((sum, id) => sum + r[id]!.score, 0));
  const totalVariance = variance(totals);
  if (totalVariance === 0) return { items, alpha: null, sem: null, itemsInAlpha: k };
  const itemVariance = common.reduce((sum, id) => sum + variance(rows.map((r) => r[id]!.score)), 0);
  const alpha = (k / (k - 1)) * (1 - itemVariance / totalVariance);
  const sem = Math.sqrt(totalVariance) * Math.sqrt(Math.max(0, 1 - alpha));
  return { items, alpha, sem, itemsInAlpha: k };
}

export interface ImpactRow {
  category: string;
  n: number;
  selected: number;
  rate: number;
  /** This group's rate ÷ the highest group's rate; null when no group was selected at all. */
  impactRatio: number | null;
  /** The four-fifths rule: an impact ratio below 0.8 suggests adverse impact. */
  belowFourFifths: boolean;
}

/**
 * Selection rates per self-reported category at a cut (score ≥ cut is selected), each compared
 * with the highest group's rate. Respondents without a category are counted as unknown and
 * kept out of the rates.
 */
export function adverseImpact(
  respondents: readonly { score: number; category: string | undefined }[],
  cut: number,
): { groups: ImpactRow[]; unknown: number } {
  const byCategory = new Map<string, { n: number; selected: number }>();
  let unknown = 0;
  for (const r of respondents) {
    if (r.category === undefined) {
      unknown += 1;
      continue;
    }
    const g = byCategory.get(r.category) ?? { n: 0, selected: 0 };
    g.n += 1;
    if (r.score >= cut) g.selected += 1;
    byCategory.set(r.category, g);
  }
  const rows = [...byCategory.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([category, g]) => ({ category, ...g, rate: g.selected / g.n }));
  const highest = Math.max(0, ...rows.map((r) => r.rate));
  return {
    groups: rows.map((r) => {
      const impactRatio = highest === 0 ? null : r.rate / highest;
      return { ...r, impactRatio, belowFourFifths: impactRatio !== null && impactRatio < 0.8 };
    }),
    unknown,
  };
}
