import { describe, expect, it } from 'vitest';
import {
  adverseImpact,
  histogram,
  itemAnalysis,
  pearson,
  percentileRanks,
  variance,
} from '../src/domain/statistics';
import { cohortCsv, cohortReport, type CohortMember } from '../src/domain/cohort';

// Expected values worked by hand (see the comments); the functions must match them exactly.

const item = (score: number, max = 1) => ({ score, max });
// Four respondents, three 0/1 items: totals 3, 2, 1, 0.
const rows = [
  { a: item(1), b: item(1), c: item(1) },
  { a: item(1), b: item(1), c: item(0) },
  { a: item(1), b: item(0), c: item(0) },
  { a: item(0), b: item(0), c: item(0) },
];

describe('descriptive statistics', () => {
  it('population variance and Pearson r', () => {
    expect(variance([3, 2, 1, 0])).toBe(1.25); // mean 1.5; (2.25 + .25 + .25 + 2.25) / 4
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it('mid-rank percentile ranks: ties share a rank', () => {
    // 10: 0 below + ½·1 → 12.5 %; 20: 1 below + ½·2 → 50 %; 30: 3 below + ½ → 87.5 %
    expect(percentileRanks([20, 10, 30, 20])).toEqual([50, 12.5, 87.5, 50]);
  });

  it('histogram of 10-point bins, 100 in the last', () => {
    const bins = histogram([0, 9.9, 10, 55, 100]);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(bins[9]).toEqual({ from: 90, to: 100, count: 1 });
  });
});

describe('item analysis', () => {
  const result = itemAnalysis(['a', 'b', 'c'], rows);

  it('difficulty is the mean share of points', () => {
    expect(result.items.map((i) => i.difficulty)).toEqual([0.75, 0.5, 0.25]);
  });

  it('corrected item–total correlation leaves the item out of the total', () => {
    // a = [1,1,1,0] vs b+c = [2,1,0,0]: Sxy .75, Sxx .75, Syy 2.75 → .75 / √2.0625 = .522233
    expect(result.items[0]!.correctedItemTotal).toBeCloseTo(0.522233, 6);
  });

  it("Cronbach's alpha and the SEM", () => {
    // item variances .1875 + .25 + .1875 = .625; total variance 1.25; α = 3/2 · (1 − .5) = .75
    expect(result.alpha).toBeCloseTo(0.75, 12);
    // SEM = √1.25 · √.25 = .559017
    expect(result.sem).toBeCloseTo(0.559017, 6);
    expect(result.itemsInAlpha).toBe(3);
  });

  it('alpha uses only the items every respondent had', () => {
    const sampled = itemAnalysis(
      ['a', 'b', 'c', 'd'],
      [...rows.slice(0, 3), { ...rows[3]!, d: item(1) }],
    );
    expect(sampled.itemsInAlpha).toBe(3);
    expect(sampled.items[3]).toMatchObject({ itemId: 'd', n: 1, correctedItemTotal: null });
  });
});

describe('adverse impact', () => {
  it('selection rates, impact ratio vs the highest group, four-fifths flag, unknowns', () => {
    const people = [
      ...Array.from({ length: 10 }, (_, i) => ({ score: i < 6 ? 70 : 40, category: 'a' })),
      ...Array.from({ length: 10 }, (_, i) => ({ score: i < 3 ? 90 : 10, category: 'b' })),
      { score: 99, category: undefined },
      { score: 5, category: undefined },
    ];
    const result = adverseImpact(people, 65);
    expect(result.unknown).toBe(2);
    // a: 6/10 = .6 (highest) → 1; b: 3/10 = .3 → .3/.6 = .5 < .8
    expect(result.groups).toEqual([
      { category: 'a', n: 10, selected: 6, rate: 0.6, impactRatio: 1, belowFourFifths: false },
      { category: 'b', n: 10, selected: 3, rate: 0.3, impactRatio: 0.5, belowFourFifths: true },
    ]);
  });

  it('no ratio when nobody was selected', () => {
    expect(adverseImpact([{ score: 1, category: 'a' }], 65).groups[0]!.impactRatio).toBeNull();
  });
});

describe('cohort report', () => {
  const member = (sessionId: string, total: number, picks: CohortMember['choices'] = {}) => ({
    sessionId,
    total,
    band: total >= 65 ? 'proceed' : 'not-recommended',
    sections: { s: { score: total } },
    items: { x: { type: 'sjt', score: total >= 65 ? 2 : 0, max: 2 } },
    choices: picks,
  });

  it('ranks with shared ranks for ties, counts distractors and warns on small cohorts', () => {
    const report = cohortReport([
      member('ses_b', 70, { x: { best: 'a', worst: 'c' } }),
      member('ses_a', 70, { x: { best: 'a', worst: 'd' } }),
      member('ses_c', 40, { x: { best: 'b', worst: 'a' } }),
    ]);
    expect(report.ranking.map((r) => [r.rank, r.sessionId])).toEqual([
      [1, 'ses_a'],
      [1, 'ses_b'],
      [3, 'ses_c'],
    ]);
    expect(report.sections.s!.mean).toBe(60);
    expect(report.items[0]!.distractors).toEqual({
      a: { best: 2, worst: 1 },
      b: { best: 1 },
      c: { worst: 1 },
      d: { worst: 1 },
    });
    expect(report.warning).toMatch(/Only 3 scored candidates/);
    expect(cohortCsv(report)).toBe(
      'rank,session_id,total,band,percentile\r\n1,ses_a,70,proceed,66.7\r\n1,ses_b,70,proceed,66.7\r\n3,ses_c,40,not-recommended,16.7\r\n',
    );
  });
});
