// Attention-to-detail items for the junior playbook: four data checks shared with the
// mid-level playbook, plus everyday billing arithmetic and record-keeping checks.
// Numbers accept "$", ",", "%" and spaces.
import { detail } from '../item-builders';
import type { DetailItemInput } from '../types';
import { RED_FLAG } from './policy';
import { accountTransposition, codeSexMismatch, dateOfService, invoiceTotal } from './shared';

export const balanceAfterPayment = detail({
  id: 'detail-junior-balance-after-payment',
  title: 'Balance after a front-desk payment',
  prompt:
    "A patient's account had a previous balance of $84.50. Today's visit adds a $25.00 copay. The patient pays $60.00 at the front desk. What is the balance on the account now, in dollars?",
  response: { kind: 'number', key: 49.5, unit: 'usd' },
  rationale:
    'Previous balance plus the new copay, minus the payment: $84.50 + $25.00 = $109.50, and $109.50 − $60.00 = $49.50.',
});

export const coinsurance = detail({
  id: 'detail-junior-coinsurance',
  title: 'Coinsurance',
  prompt:
    "The insurer's allowed amount for a visit is $180.00. The patient has already met this year's deductible, and their plan has 20% coinsurance and no copay. How much does the patient owe for the visit, in dollars?",
  response: { kind: 'number', key: 36, unit: 'usd' },
  rationale:
    'With the deductible met, the patient pays the coinsurance share of the allowed amount: 20% × $180.00 = $36.00. The insurer pays the other 80%, $144.00.',
});

export const daysOutstanding = detail({
  id: 'detail-junior-days-outstanding',
  title: 'Days a claim has been outstanding',
  prompt:
    'A claim was sent to the insurer on March 3. Today is April 17 of the same year, and the claim is still unpaid. How many days has it been outstanding?',
  response: { kind: 'number', key: 45, unit: 'days' },
  rationale:
    'March has 31 days, so March 3 to March 31 is 28 days; April 1 to April 17 adds 17 more: 28 + 17 = 45 days. The claim now sits in the 31–60-day aging bucket and is due for a status check.',
});

export const paymentWrongAccount = detail({
  id: 'detail-junior-payment-wrong-account',
  title: 'Payment posted to the wrong patient',
  prompt:
    'Two patients share a name. A $50.00 check from Maria Garcia, whose date of birth is 02/11/1985, was posted to the account of the other Maria Garcia, whose date of birth is 07/30/1962. What should you do?',
  response: {
    kind: 'choice',
    key: 'b',
    options: [
      {
        id: 'a',
        text: 'Leave it: the name is the same and the total collected is right.',
      },
      {
        id: 'b',
        text: 'Reverse the payment from the 1962 account, post it to the 1985 account, and add a note to both explaining the correction.',
      },
      {
        id: 'c',
        text: 'Post another $50.00 to the 1985 account so that both accounts are covered.',
      },
      { id: 'd', text: 'Delete the payment from the system and ask the patient to pay again.' },
    ],
  },
  rationale:
    'A payment belongs to the patient who made it, and the date of birth is what tells the two accounts apart. Reversing and reposting with a note fixes both balances and leaves a trail that shows what happened. Leaving it (a) means one patient gets a bill she has paid and the other a credit she does not have. Posting a second $50.00 (c) records money that was never received. Deleting the payment (d) destroys the record of money that was received.',
});

export const missingDiagnosis = detail({
  id: 'detail-junior-missing-diagnosis',
  title: 'Superbill with no diagnosis',
  prompt:
    "The superbill for an established patient's office visit lists CPT 99213, but no diagnosis code. What should you do?",
  response: {
    kind: 'choice',
    key: 'b',
    options: [
      { id: 'a', text: "Use the diagnosis from the patient's previous visit." },
      {
        id: 'b',
        text: 'Check the visit note, and ask the provider (or the clinical staff who work with them) to confirm the diagnosis for this visit. Hold the claim until it is confirmed.',
      },
      { id: 'c', text: 'Send the claim without a diagnosis; the payer will say what is missing.' },
      {
        id: 'd',
        text: 'Choose a diagnosis that this payer usually pays for with a 99213.',
        redFlag: RED_FLAG.unsupportedCode,
      },
    ],
  },
  rationale:
    "Every claim needs a diagnosis that the clinician documented for that date of service, and only the record and the provider can supply it. The previous visit's diagnosis (a) may no longer apply. A claim without a diagnosis (c) is rejected and only delays payment. Picking a diagnosis because it gets paid (d) bills something the record does not support, which is fraud.",
});

export const detailItems: DetailItemInput[] = [
  invoiceTotal,
  accountTransposition,
  dateOfService,
  codeSexMismatch,
  balanceAfterPayment,
  coinsurance,
  daysOutstanding,
  paymentWrongAccount,
  missingDiagnosis,
];
