// Posting and reconciliation items for the billing-and-collections playbook: three items
// shared with the mid-level playbook, plus posting a remittance with a denied line, a credit
// balance that must be refunded and a deposit that does not match its remittance.
// Numbers accept "$", ",", "%" and spaces.
import { detail } from '../item-builders';
import type { DetailItemInput } from '../types';
import { RED_FLAG } from './policy';
import { contractualAdjustment, daysInAr, patientResponsibility } from './shared';

/** One ERA (835) claim with two paid lines and one denied line, shown with two questions. */
const ERA = [
  'Remittance (ERA) for one claim, date of service 05/06. Group codes: CO = contractual obligation (provider), PR = patient responsibility.',
  '',
  '| Line | Billed | Allowed | Paid | Adjustments |',
  '|---|---:|---:|---:|---|',
  '| 99214 office visit | $210.00 | $140.00 | $112.00 | CO-45 $70.00 · PR-2 (coinsurance) $28.00 |',
  '| 93000 ECG | $95.00 | $60.00 | $48.00 | CO-45 $35.00 · PR-2 (coinsurance) $12.00 |',
  '| 36415 blood draw | $30.00 | $0.00 | $0.00 | CO-16 $30.00, remark N265 (missing or invalid ordering-provider identifier) |',
  '| **Claim total** | **$335.00** | | **$160.00** | |',
].join('\n');

const ERA_ARITHMETIC =
  'Each line balances: 99214 $112.00 paid + $70.00 CO-45 + $28.00 PR-2 = $210.00; 93000 $48.00 + $35.00 + $12.00 = $95.00; 36415 $0.00 + $30.00 CO-16 = $30.00. Claim: $160.00 paid + $105.00 CO-45 + $40.00 PR-2 + $30.00 CO-16 = $335.00.';

export const eraAdjustment = detail({
  id: 'detail-collections-era-adjustment',
  title: 'Posting a remittance: contractual adjustment',
  prompt:
    'You are posting the remittance below. What total contractual adjustment (write-off) do you post for this claim, in dollars?',
  exhibit: ERA,
  response: { kind: 'number', key: 105, unit: 'usd' },
  rationale: `Only the CO-45 amounts (charge above the contracted allowance) are contractual write-offs: $70.00 + $35.00 = $105.00. The CO-16 line is a denial for missing information, not a contractual reduction: it stays open so that the claim can be corrected (add the ordering provider) and resubmitted. Writing it off too ($135.00) would give away $30.00 the payer may still pay. ${ERA_ARITHMETIC}`,
});

export const eraPatientBalance = detail({
  id: 'detail-collections-era-patient-balance',
  title: 'Posting a remittance: patient responsibility',
  prompt:
    "Using the same remittance, how much do you transfer to the patient's responsibility after posting it, in dollars?",
  exhibit: ERA,
  response: { kind: 'number', key: 40, unit: 'usd' },
  rationale: `The patient owes only the PR (patient responsibility) amounts: $28.00 + $12.00 = $40.00 of coinsurance. The denied blood draw carries group code CO, so the payer holds the practice, not the patient, responsible; billing it to the patient ($70.00) would be wrong. ${ERA_ARITHMETIC}`,
});

export const overpaymentRefund = detail({
  id: 'detail-collections-overpayment-refund',
  title: 'A credit balance on an account',
  prompt: 'The account below shows a credit balance. What should you do?',
  exhibit: [
    '| Date | Entry | Amount | Balance |',
    '|---|---|---:|---:|',
    '| 05/06 | Charge, 99213 office visit | $160.00 | $160.00 |',
    '| 05/28 | Payment, Acme Health, EFT 4471, claim 88120 | −$92.00 | $68.00 |',
    '| 05/28 | Contractual adjustment (CO-45) | −$45.00 | $23.00 |',
    '| 06/03 | Patient payment, coinsurance | −$23.00 | $0.00 |',
    '| 06/19 | Payment, Acme Health, EFT 4590, claim 88120 | −$92.00 | −$92.00 |',
  ].join('\n'),
  response: {
    kind: 'choice',
    key: 'c',
    options: [
      {
        id: 'a',
        text: "Leave the $92.00 credit on the account to pay for the patient's next visit.",
      },
      { id: 'b', text: 'Refund $92.00 to the patient.' },
      {
        id: 'c',
        text: 'Confirm that the second payment duplicates the first (same claim, same date of service), return $92.00 to Acme Health through its refund or offset process, and document the refund so it can be audited.',
      },
      {
        id: 'd',
        text: "Move the $92.00 to the practice's miscellaneous income, since Acme Health has not asked for it back.",
        redFlag: RED_FLAG.keepOverpayment,
      },
    ],
  },
  rationale:
    "The account was settled on 06/03: $160.00 − $92.00 − $45.00 − $23.00 = $0.00. On 06/19 Acme Health paid the same claim (88120) again, leaving a −$92.00 credit. That money is the payer's, paid in error, so it goes back to the payer through its refund or offset process, with the paperwork kept for audit. The patient paid only her coinsurance, which she did owe, so a refund to her (b) is wrong, and so is keeping the payer's money for her next visit (a). Moving it to income (d) keeps money the practice is not entitled to and erases the audit trail.",
});

export const depositMismatch = detail({
  id: 'detail-collections-deposit-mismatch',
  title: 'A deposit that does not match its remittance',
  prompt:
    "While reconciling today's deposits, you find that Payer B's EFT is $186.00 less than the claim payments you posted from its remittance. What should you do?",
  exhibit: [
    '| Payer B | Amount |',
    '|---|---:|',
    '| Claim payments on the ERA (14 claims), posted today | $1,804.25 |',
    '| Provider-level adjustment on the same ERA: WO, overpayment recovery, March claim for account 20877 | −$186.00 |',
    '| EFT deposit on the bank statement | $1,618.25 |',
  ].join('\n'),
  response: {
    kind: 'choice',
    key: 'b',
    options: [
      {
        id: 'a',
        text: 'Call the bank: the deposit is short, so the bank must have made an error.',
      },
      {
        id: 'b',
        text: 'Post the $186.00 recovery against the March claim on account 20877, after checking that the original overpayment was real, so that the batch equals the $1,618.25 deposit and that account shows the money taken back.',
      },
      {
        id: 'c',
        text: "Reduce the payments posted to today's 14 claims by $186.00 in total so that the batch matches the deposit.",
      },
      {
        id: 'd',
        text: 'Post a $186.00 "bank variance" adjustment so that the batch balances, and move on.',
      },
    ],
  },
  rationale:
    "The remittance explains the difference: $1,804.25 of claim payments − $186.00 taken back for an earlier overpayment (provider-level adjustment code WO) = $1,618.25, exactly the deposit. The payments on today's 14 claims are correct; the recovery belongs to the March claim on account 20877, which must show the money taken back (and be disputed if the overpayment was not real). The bank made no error (a). Spreading the difference over today's claims (c) misstates all 14 of them and still leaves account 20877 wrong. A variance adjustment (d) balances the batch but hides the recoupment and leaves account 20877 wrong.",
});

export const detailItems: DetailItemInput[] = [
  patientResponsibility,
  contractualAdjustment,
  eraAdjustment,
  eraPatientBalance,
  overpaymentRefund,
  depositMismatch,
  daysInAr,
];
