// Procedures for the billing-and-collections playbook: a denial appeal and the daily
// reconciliation of payments to the bank, plus the aging-report procedure shared with the
// mid-level playbook. Steps are listed in the expected order; critical steps cap the item
// when missing.
import type { ProcedureItemInput } from '../types';
import { SECTION } from './policy';
import { agingArPlan } from './shared';

type Procedure = Omit<ProcedureItemInput, 'section' | 'type' | 'prompt'> & { task: string };

const STEP_BY_STEP =
  'Describe, step by step, what you would do. Numbered steps or short paragraphs are both fine.';

const procedure = ({ task, ...item }: Procedure): ProcedureItemInput => ({
  ...item,
  type: 'procedure',
  section: SECTION.procedure,
  prompt: `${task}\n\n${STEP_BY_STEP}`,
});

export const denialAppeal = procedure({
  id: 'procedure-collections-denial-appeal',
  title: 'Appealing a medical-necessity denial',
  task: 'A payer has denied a $1,850 claim for an outpatient procedure as not medically necessary (reason code CO-50). Its appeal deadline is 180 days from the denial. Walk through how you would appeal it.',
  steps: [
    {
      id: 'review-denial',
      description:
        'Read the denial: reason and remark codes, the appeal deadline and how the payer wants appeals filed',
      weight: 2,
      terms: [
        'eob',
        'era',
        'remittance',
        'denial letter',
        'review the denial',
        'read the denial',
        'why it was denied',
        'denial reason',
        'reason code',
        'remark code',
        'carc',
        'rarc',
        'co-50',
        'appeal deadline',
        'deadline',
        'appeal process',
        'appeal instructions',
      ],
    },
    {
      id: 'check-claim',
      description:
        'Check the claim itself for errors (diagnosis codes and their link to the procedure, modifiers, authorisation); if it is a billing error, correct and resubmit instead',
      weight: 2,
      terms: [
        'check the claim',
        'review the claim',
        'claim for errors',
        'coding error',
        'diagnosis code',
        'diagnosis codes',
        'icd-10',
        'diagnosis pointer',
        'linked',
        'linkage',
        'prior authorization',
        'prior authorisation',
        'corrected claim',
        'codes were correct',
        'codes are correct',
      ],
    },
    {
      id: 'payer-policy',
      description:
        "Read the payer's medical policy and coverage criteria for the procedure (for Medicare, the LCD or NCD)",
      weight: 2,
      terms: [
        'medical policy',
        'coverage policy',
        'payer policy',
        "payer's policy",
        'coverage criteria',
        'clinical criteria',
        'lcd',
        'ncd',
        'policy bulletin',
        'coverage guidelines',
      ],
    },
    {
      id: 'gather-records',
      description:
        'Gather the supporting records: visit notes, test results, treatments already tried',
      weight: 3,
      critical: true,
      terms: [
        'medical records',
        'clinical notes',
        'office notes',
        'visit notes',
        'progress notes',
        'documentation',
        'test results',
        'imaging',
        'treatments tried',
        'conservative treatment',
        'failed treatment',
        'supporting documents',
        'records',
      ],
    },
    {
      id: 'physician-letter',
      description:
        'Ask the physician for a letter of medical necessity (or a peer-to-peer review with the payer)',
      weight: 2,
      terms: [
        'letter of medical necessity',
        'medical necessity letter',
        'letter from the physician',
        'letter from the doctor',
        'letter from the provider',
        'physician letter',
        'provider letter',
        'peer-to-peer',
        'peer to peer',
      ],
    },
    {
      id: 'submit-appeal',
      description:
        "Write and send the appeal with the claim, the denial and the records, by the payer's route and before the deadline",
      weight: 3,
      critical: true,
      terms: [
        'submit the appeal',
        'file the appeal',
        'send the appeal',
        'submit an appeal',
        'file an appeal',
        'send an appeal',
        'appeal letter',
        'write the appeal',
        'appeal form',
        'reconsideration',
        'redetermination',
        'within 180 days',
        'within the deadline',
        'certified mail',
      ],
    },
    {
      id: 'track',
      description: 'Track the appeal and follow up until the payer decides',
      weight: 2,
      terms: [
        'follow up',
        'follow-up',
        'track',
        'tracking',
        'tickler',
        'reminder',
        'appeal status',
        'check the status',
        'appeal log',
        'calendar',
      ],
    },
    {
      id: 'escalate',
      description:
        'If the denial is upheld, take the next level of appeal or external review before any patient billing the contract allows',
      weight: 2,
      terms: [
        'second level',
        'second-level',
        'next level',
        'level 2',
        'external review',
        'independent review',
        'insurance commissioner',
        'department of insurance',
        'provider representative',
        'provider rep',
        'escalate',
      ],
    },
    {
      id: 'document',
      description: 'Document each step on the account and keep copies of everything sent',
      weight: 1,
      terms: [
        'document each step',
        'document everything',
        'document the appeal',
        'account notes',
        'account note',
        'note the account',
        'notes on the account',
        'keep copies',
        'keep a copy',
        'proof of submission',
        'fax confirmation',
      ],
    },
  ],
  rationale:
    "Start from the denial: the reason and remark codes, the deadline and the payer's appeal route. Check the claim itself first, because a wrong diagnosis code or a missing link between diagnosis and procedure is fixed with a corrected claim, not an appeal. Read the payer's coverage criteria, then build the case against them: the clinical records (critical) and a letter of medical necessity from the physician, or a peer-to-peer review. Send the appeal by the payer's route well before the deadline (critical), track it, and if the denial is upheld go to the next level or an external review before the patient is billed for anything the contract allows. Document each step and keep copies and proof of submission.",
});

export const dailyReconciliation = procedure({
  id: 'procedure-collections-daily-reconciliation',
  title: "Reconciling the day's payments to the bank",
  task: 'At the end of the day you reconcile the insurance and patient payments posted today with what reached the bank. Describe how you do it, including what you do when the figures do not agree.',
  steps: [
    {
      id: 'gather',
      description:
        "Pull the day's posting report, the remittances (ERAs/EOBs) and the bank record of deposits (EFTs, check deposits, card settlements)",
      weight: 2,
      terms: [
        'posting report',
        'batch report',
        'payment report',
        'deposit report',
        'daily report',
        'day sheet',
        'bank statement',
        'bank account',
        'bank portal',
        'online banking',
        'eras',
        'era',
        'eob',
        'eobs',
        'remittance',
        'remittances',
        'card settlement',
        'merchant report',
      ],
    },
    {
      id: 'match',
      description:
        'Match each deposit to its remittance or batch by payer, amount and EFT trace or check number',
      weight: 3,
      critical: true,
      terms: [
        'match',
        'trace number',
        'eft number',
        'check number',
        'tie out',
        'tie each',
        'line up',
        'compare',
      ],
    },
    {
      id: 'patient-payments',
      description:
        'Count the cash and checks from the front desk and match them, with card receipts, to the posted patient payments and the deposit slip',
      weight: 2,
      terms: [
        'cash',
        'cash and checks',
        'cash drawer',
        'front desk',
        'patient payments',
        'card payments',
        'card receipts',
        'deposit slip',
      ],
    },
    {
      id: 'investigate',
      description:
        'Investigate each difference: an unposted remittance, a recoupment or provider-level adjustment, a posting error, a deposit not yet received',
      weight: 3,
      critical: true,
      terms: [
        'investigate',
        'difference',
        'differences',
        'discrepancy',
        'discrepancies',
        'variance',
        'find out why',
        'recoupment',
        'recoupments',
        'provider-level adjustment',
        'plb',
        'offset',
        'offsets',
        'unposted',
        'posting error',
        'missing eft',
        'missing deposit',
      ],
    },
    {
      id: 'resolve',
      description:
        'Resolve it: correct the posting, post the recoupment to the account it belongs to, or contact the payer or bank',
      weight: 2,
      terms: [
        'correct the posting',
        'fix the posting',
        'repost',
        're-post',
        'reverse',
        'post the recoupment',
        'post the offset',
        'call the payer',
        'contact the payer',
        'call the bank',
        'contact the bank',
        'adjust the posting',
      ],
    },
    {
      id: 'document-and-sign-off',
      description:
        'Document the reconciliation, keep open items on a log until they clear, and have it reviewed',
      weight: 2,
      terms: [
        'reconciliation log',
        'variance log',
        'open items',
        'sign off',
        'sign-off',
        'signed off',
        'supervisor',
        'manager',
        'reconciliation report',
        'reconciliation sheet',
        'spreadsheet',
        'audit trail',
        'document the reconciliation',
        'keep a record',
      ],
    },
  ],
  rationale:
    'Reconciliation proves that every dollar posted reached the bank and every dollar deposited was posted. Gather the posting report, the remittances and the bank record, then match each deposit to its remittance by payer, amount and trace or check number (critical), and the front-desk cash, checks and card receipts to the posted patient payments. Every difference is investigated (critical) rather than plugged: common causes are an unposted remittance, a recoupment taken from the EFT, a posting error or a deposit that has not arrived yet. Resolve each one at its source, keep open items on a log until they clear, and have the reconciliation reviewed. A "variance" adjustment that makes the figures agree hides the problem and destroys the audit trail.',
});

export const procedureItems: ProcedureItemInput[] = [
  denialAppeal,
  dailyReconciliation,
  agingArPlan,
];
