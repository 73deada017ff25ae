// Calibration of the variant playbooks' NEW written and procedure items through the real
// engine: graded answers must order as a billing manager would rank them, and a keyword list
// must score well below a real answer. Known engine weaknesses found here are logged in
// /tmp/assay-calibration-issues.log. Table: pnpm exec tsx packages/playbooks/test/calibration/variants/report.ts
import { score } from '@assay/scoring';
import { describe, expect, it } from 'vitest';
import { findBuiltin } from '../../../src/builtin';
import { callScript } from './collections-answers';
import { CALIBRATED } from './sets';
import type { CalibrationSet } from './types';

function scoresOf(playbookId: string, itemId: string, set: CalibrationSet) {
  const playbook = findBuiltin(playbookId)!;
  const one = (text: string) => score(playbook, { [itemId]: { text } }).items[itemId]!.score;
  return {
    excellent: one(set.excellent),
    good: one(set.good),
    mediocre: one(set.mediocre),
    poor: one(set.poor),
    empty: one(set.empty),
    stuffed: one(set.stuffed),
  };
}

describe('calibration: new written and procedure items of the variants', () => {
  it('covers every new written and procedure item', () => {
    const mid = new Set(findBuiltin('medical-billing-specialist')!.items.map((i) => i.id));
    const fresh = ['junior', 'senior', 'collections'].flatMap((variant) => {
      const id =
        variant === 'collections'
          ? 'medical-billing-collections-specialist'
          : `medical-billing-specialist-${variant}`;
      return findBuiltin(id)!
        .items.filter((i) => (i.type === 'written' || i.type === 'procedure') && !mid.has(i.id))
        .map((i) => `${id}/${i.id}`);
    });
    expect(CALIBRATED.map(([playbook, item]) => `${playbook}/${item}`).sort()).toEqual(
      fresh.sort(),
    );
  });

  it.each(CALIBRATED)(
    '%s / %s orders graded and adversarial answers',
    (playbookId, itemId, set) => {
      const s = scoresOf(playbookId, itemId, set);
      expect.soft(s.excellent, 'excellent > good').toBeGreaterThan(s.good);
      expect.soft(s.good, 'good > mediocre').toBeGreaterThan(s.mediocre);
      expect.soft(s.mediocre, 'mediocre > poor').toBeGreaterThan(s.poor);
      expect.soft(s.poor, 'poor > empty').toBeGreaterThan(s.empty);
      expect.soft(s.empty, 'empty = 0').toBe(0);
      expect.soft(s.stuffed, 'keyword list < 50% of excellent').toBeLessThan(0.5 * s.excellent);
    },
  );

  it('the collection call raises collections-threat only when it threatens', () => {
    const playbook = findBuiltin('medical-billing-collections-specialist')!;
    const flags = (text: string) =>
      score(playbook, { 'written-collections-call-script': { text } }).redFlags.map((f) => f.id);
    expect(flags(callScript.poor)).toEqual(['collections-threat']);
    for (const quality of ['excellent', 'good', 'mediocre'] as const)
      expect(flags(callScript[quality]), quality).toEqual([]);
  });
});
