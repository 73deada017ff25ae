// Prints the calibration table (item × quality → score) through the engine:
//   pnpm exec tsx packages/playbooks/test/calibration/report.ts [--evidence quality]
import { score } from '@assay/scoring';
import { findBuiltin } from '../../src/builtin';
import { agingAr, missingModifier, missingPreauth, newPatientCycle } from './procedure-answers';
import { deductibleEmail, npiChat, providerClarification } from './written-answers';

const playbook = findBuiltin('medical-billing-specialist@1.0.0')!;
const sets: [string, Record<string, string>][] = [
  ['written-patient-deductible-email', { ...deductibleEmail }],
  ['written-provider-clarification', { ...providerClarification }],
  ['written-team-npi-chat', { ...npiChat }],
  ['procedure-missing-modifier-denial', { ...missingModifier }],
  ['procedure-new-patient-cycle', { ...newPatientCycle }],
  ['procedure-aging-ar-plan', { ...agingAr }],
  ['procedure-missing-preauth', { ...missingPreauth }],
];
const evidenceFor = process.argv[2] === '--evidence' ? process.argv[3] : undefined;
const qualities = [
  'excellent',
  'good',
  'mediocre',
  'poor',
  'empty',
  'stuffed',
  'negated',
  'rude',
  'reordered',
];

console.log(`| item | max | ${qualities.join(' | ')} |`);
console.log(`|---|---:|${qualities.map(() => '---:').join('|')}|`);
for (const [itemId, set] of sets) {
  const cells = qualities.map((quality) => {
    const text = set[quality];
    if (text === undefined) return '–';
    const result = score(playbook, { [itemId]: { text } }).items[itemId]!;
    if (quality === evidenceFor) console.error(itemId, JSON.stringify(result.evidence, null, 1));
    return String(result.score);
  });
  const max = score(playbook, {}).items[itemId]!.max;
  console.log(`| ${itemId} | ${max} | ${cells.join(' | ')} |`);
}
