// Attention-to-detail items: one deterministic answer each (a number or a choice).
// Keys are fixed by the content brief; numbers accept "$", ",", "%" and spaces.
import { detail } from '../item-builders';
import type { DetailItemInput } from '../types';
import { RED_FLAG } from './policy';

export const detailItems: DetailItemInput[] = [
  detail({
    id: 'detail-invoice-total',
    title: 'Invoice total',
    prompt: 'Check this patient invoice. What should the total be, in dollars?',
    exhibit: [
      '| Line | Amount |',
      '|---|---:|',
      '| Office visit | $200.00 |',
      '| Laboratory test | $150.00 |',
      '| **Total** | **$370.00** |',
    ].join('\n'),
    response: { kind: 'number', key: 350, unit: 'usd' },
    rationale:
      '$200 + $150 = $350. The printed total is $20 too high and must be corrected before the invoice goes out.',
  }),
  detail({
    id: 'detail-account-transposition',
    title: 'Account number mismatch',
    prompt:
      'You are checking a rejected claim before resubmitting it. The account numbers below should belong to the same patient. What is the right conclusion?',
    exhibit: [
      '| Source | Account number |',
      '|---|---|',
      '| Practice management system | 573421 |',
      '| Claim | 573412 |',
    ].join('\n'),
    response: {
      kind: 'choice',
      key: 'a',
      options: [
        {
          id: 'a',
          text: 'The last two digits were swapped. Correct the claim to 573421 before resubmitting it.',
        },
        { id: 'b', text: 'These are two different patients, so no action is needed.' },
        { id: 'c', text: 'The numbers match, so the claim can go as it is.' },
        { id: 'd', text: 'Change the account number in the practice system to match the claim.' },
      ],
    },
    rationale:
      'Both numbers contain the same digits with the last two reversed: a classic transposition. The practice system is the source of truth, so the claim is corrected, not the system.',
  }),
  detail({
    id: 'detail-code-sex-mismatch',
    title: 'Diagnosis that conflicts with the patient',
    prompt:
      'A claim is ready for John Doe, a male patient. Its diagnosis code is O80 (encounter for full-term uncomplicated delivery). What should you do?',
    response: {
      kind: 'choice',
      key: 'b',
      options: [
        { id: 'a', text: 'Nothing is wrong; submit the claim.' },
        {
          id: 'b',
          text: "The diagnosis conflicts with the patient's recorded sex. Check the demographics and confirm the diagnosis with the provider before submitting.",
        },
        { id: 'c', text: 'Add a modifier so that the claim passes the edit.' },
        {
          id: 'd',
          text: "Change the patient's sex in the record so that the claim passes the edit.",
          redFlag: RED_FLAG.falsify,
        },
      ],
    },
    rationale:
      "A delivery code conflicts with a male patient, so either the demographics or the diagnosis is wrong, and only the record and the provider can say which. A modifier does not resolve a diagnosis conflict. Changing a patient's recorded sex to get a claim through falsifies the record.",
  }),
  detail({
    id: 'detail-date-of-service',
    title: 'Date of service mismatch',
    prompt: 'The two dates below refer to the same visit. What should you do?',
    exhibit: [
      '| Source | Date of service |',
      '|---|---|',
      '| Charge entry | 08/15/2025 |',
      "| Clinician's visit note | 08/22/2025 |",
    ].join('\n'),
    response: {
      kind: 'choice',
      key: 'c',
      options: [
        { id: 'a', text: 'Submit the claim as it is.' },
        { id: 'b', text: 'Bill the service on both dates.' },
        {
          id: 'c',
          text: 'Check the medical record to confirm the visit date, and bill 08/22/2025.',
        },
        { id: 'd', text: 'Use the charge-entry date, 08/15/2025.' },
      ],
    },
    rationale:
      'The claim must carry the date on which the service was provided, and the clinical record is the evidence for it. Billing both dates creates a duplicate claim; keeping the charge-entry date bills a date the record does not support.',
  }),
  detail({
    id: 'detail-patient-responsibility',
    title: 'Patient responsibility',
    prompt:
      'A claim has an allowed amount of $1,000. The patient still has $300 of their deductible to meet; after that, they pay 20% coinsurance. There is no copay. How much does the patient owe for this claim, in dollars?',
    response: { kind: 'number', key: 440, unit: 'usd' },
    rationale:
      'The first $300 goes to the deductible. The remaining $700 is shared, and 20% of $700 is $140. The patient owes $300 + $140 = $440.',
  }),
  detail({
    id: 'detail-contractual-adjustment',
    title: 'Contractual adjustment',
    prompt:
      "You billed $250 for a service. The payer's contracted allowed amount for it is $180. What contractual adjustment do you post, in dollars?",
    response: { kind: 'number', key: 70, unit: 'usd' },
    rationale:
      'The contractual adjustment is the billed amount minus the contracted allowed amount: $250 − $180 = $70. It is written off under the contract and is not billed to the patient.',
  }),
  detail({
    id: 'detail-denial-rate',
    title: 'Denial rate',
    prompt:
      'Last month the practice submitted 400 claims, and 30 of them were denied. What was the denial rate, in percent?',
    response: { kind: 'number', key: 7.5, unit: 'percent' },
    rationale: 'Denial rate = denied claims ÷ submitted claims = 30 ÷ 400 = 0.075, or 7.5%.',
  }),
  detail({
    id: 'detail-days-in-ar',
    title: 'Days in accounts receivable',
    prompt:
      'Total accounts receivable is $120,000. Gross charges over the last 90 days were $360,000. How many days in A/R is that?',
    response: { kind: 'number', key: 30, unit: 'days' },
    rationale:
      'Average daily gross charges are $360,000 ÷ 90 = $4,000. Days in A/R = total A/R ÷ average daily charges = $120,000 ÷ $4,000 = 30 days.',
  }),
];
