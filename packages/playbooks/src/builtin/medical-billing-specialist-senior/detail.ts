// Metrics and analysis for the senior playbook: two KPI items shared with the mid-level
// playbook, two more KPI computations and a denial-trend table. Numbers accept "$", ",", "%"
// and spaces.
import { detail } from '../item-builders';
import type { DetailItemInput } from '../types';
import { daysInAr, denialRate } from './shared';

export const netCollectionRate = detail({
  id: 'detail-senior-net-collection-rate',
  title: 'Net collection rate',
  prompt:
    'Last quarter the practice billed $480,000 in gross charges and posted $180,000 in contractual adjustments. Payments received for those charges totalled $276,000. There were no refunds. What was the net collection rate, in percent?',
  exhibit: [
    '| Last quarter | Amount |',
    '|---|---:|',
    '| Gross charges | $480,000 |',
    '| Contractual adjustments | $180,000 |',
    '| Payments received | $276,000 |',
  ].join('\n'),
  response: { kind: 'number', key: 92, unit: 'percent' },
  rationale:
    'Net collection rate = payments ÷ (charges − contractual adjustments) = $276,000 ÷ ($480,000 − $180,000) = $276,000 ÷ $300,000 = 0.92, or 92%. Dividing by gross charges instead ($276,000 ÷ $480,000 = 57.5%) gives the gross collection rate, which mostly reflects the fee schedule rather than how well the practice collects what it is owed.',
});

export const firstPassRate = detail({
  id: 'detail-senior-first-pass-rate',
  title: 'First-pass (clean-claim) rate',
  prompt:
    'Last month the team submitted 1,250 claims. 1,100 were accepted and processed on their first submission; 90 were rejected by the clearinghouse and 60 were denied by payers. What was the first-pass rate, in percent?',
  response: { kind: 'number', key: 88, unit: 'percent' },
  rationale:
    'First-pass rate = claims accepted on first submission ÷ claims submitted = 1,100 ÷ 1,250 = 0.88, or 88%. The 150 other claims (90 rejected + 60 denied = 150 = 1,250 − 1,100) all needed rework.',
});

export const denialTrend = detail({
  id: 'detail-senior-denial-trend',
  title: 'Reading a denial trend',
  prompt:
    "The table shows the practice's denials by reason over the first quarter. Which change will do most to reduce denials next month?",
  exhibit: [
    '| Denial reason (CARC) | Jan | Feb | Mar |',
    '|---|---:|---:|---:|',
    '| CO-16 Claim lacks information needed to process it | 14 | 12 | 13 |',
    '| CO-27 Expenses incurred after coverage ended | 8 | 19 | 36 |',
    '| CO-97 Service included in the payment for another service | 7 | 6 | 8 |',
    '| CO-29 Time limit for filing has expired | 3 | 2 | 3 |',
    '| **Total** | **32** | **39** | **60** |',
  ].join('\n'),
  response: {
    kind: 'choice',
    key: 'b',
    options: [
      { id: 'a', text: 'Retrain the coders on bundling edits to bring down CO-97 denials.' },
      {
        id: 'b',
        text: "Check eligibility before every visit and update insurance details at each check-in, and rework this quarter's CO-27 denials by billing each patient's current coverage.",
      },
      { id: 'c', text: 'Appeal every CO-27 denial with the same claim.' },
      { id: 'd', text: 'Submit claims daily instead of weekly to prevent CO-29 denials.' },
    ],
  },
  rationale:
    'Denials almost doubled (32 → 60), and nearly all of the growth is CO-27, coverage ended: 8 → 19 → 36, while the other reasons stayed flat (CO-16 14/12/13, CO-97 7/6/8, CO-29 3/2/3). Patients are being seen on coverage that has ended, which points to eligibility not being checked at each visit, a common problem after plans change at the start of the year. Checking eligibility before every visit stops new CO-27 denials, and billing the current coverage recovers the ones already denied. Appealing them unchanged (c) cannot work, because the coverage really had ended. Options a and d target small, stable categories.',
});

export const detailItems: DetailItemInput[] = [
  denialRate,
  daysInAr,
  firstPassRate,
  netCollectionRate,
  denialTrend,
];
