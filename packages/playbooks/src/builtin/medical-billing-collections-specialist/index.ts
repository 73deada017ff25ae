// Built-in playbook: Medical Billing and Collections Specialist (mid-level, A/R-heavy). Shares
// the four sections and several items with the mid-level playbook; adds payment posting,
// reconciliation, refunds, collection calls and appeals. Facts follow the content brief
// ("Facts for the variants"); wording is ours.
import type { PlaybookInput } from '../../format';
import { detailItems } from './detail';
import { interviewGuide } from './interview';
import { judgmentItems } from './judgment';
import { bands, combined, redFlags, sections } from './policy';
import { procedureItems } from './procedure';
import { writtenItems } from './written';

export const medicalBillingCollectionsSpecialist: PlaybookInput = {
  id: 'medical-billing-collections-specialist',
  version: '1.0.0',
  title: 'Medical Billing and Collections Specialist',
  level: 'mid',
  function: 'finance',
  summary:
    "Owns the money side of an outpatient practice's revenue cycle: posts insurance and patient payments and contractual adjustments from ERAs and EOBs every day, reconciles them to the bank, creates and submits claims through the clearinghouse, follows up on unpaid and denied claims and files appeals, and collects patient balances with statements, respectful calls and payment plans, escalating to a collection agency only as policy allows. Handles refunds and credit balances with a clear audit trail. The bar is the same as for the mid-level billing specialist (proceed from 65, strong from 80); a low posting-and-reconciliation score caps the result at borderline.",
  responsibilities: [
    'Post insurance and patient payments, contractual adjustments and denials from ERAs (835) and EOBs daily, in deposit batches.',
    'Reconcile posted payments and remittance reports to bank deposits.',
    'Create claims and submit them electronically (837) through the clearinghouse.',
    'Follow up on unpaid and denied claims and file appeals.',
    'Send patient statements and collection letters, make collection calls, set up installment plans and refer accounts to the collection agency as policy allows.',
    'Resolve credit balances and issue refunds with a clear audit trail.',
  ],
  skills: [
    'Reading ERAs and EOBs: group, reason and remark codes',
    'Payment posting and bank reconciliation',
    'Denial management and appeals',
    'Respectful, compliant collection calls and letters (fair debt collection practices, HIPAA)',
    'Payment plans and financial-assistance policies',
    'Practice management and clearinghouse software',
    'Accurate billing arithmetic',
  ],
  certifications: [
    'CPB (Certified Professional Biller)',
    'CRCR (Certified Revenue Cycle Representative)',
  ],
  kpis: [
    'Net collection rate',
    'Denial rate',
    'Days in accounts receivable',
    'Unapplied cash and credit balances cleared',
    'Deposits reconciled daily',
  ],
  timeLimitMinutes: 30,
  sections,
  bands,
  redFlags,
  items: [...judgmentItems, ...detailItems, ...writtenItems, ...procedureItems],
  interview: interviewGuide,
  combined,
};
