// Prints the calibration table of the variant playbooks' new items through the engine:
//   pnpm exec tsx packages/playbooks/test/calibration/variants/report.ts [--evidence quality [item]]
import { score } from '@assay/scoring';
import { findBuiltin } from '../../../src/builtin';
import { CALIBRATED } from './sets';

const evidenceFor = process.argv[2] === '--evidence' ? process.argv[3] : undefined;
const onlyItem = process.argv[4];
const qualities = ['excellent', 'good', 'mediocre', 'poor', 'empty', 'stuffed'] as const;

console.log(`| playbook | item | max | ${qualities.join(' | ')} |`);
console.log(`|---|---|---:|${qualities.map(() => '---:').join('|')}|`);
for (const [playbookId, itemId, set] of CALIBRATED) {
  const playbook = findBuiltin(playbookId)!;
  const cells = qualities.map((quality) => {
    const result = score(playbook, { [itemId]: { text: set[quality] } }).items[itemId]!;
    if (quality === evidenceFor && (onlyItem === undefined || onlyItem === itemId))
      console.error(itemId, JSON.stringify(result.evidence, null, 1));
    return String(result.score);
  });
  const max = score(playbook, {}).items[itemId]!.max;
  console.log(`| ${playbookId} | ${itemId} | ${max} | ${cells.join(' | ')} |`);
}
