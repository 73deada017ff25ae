// Procedures for the senior playbook: an audit plan of its own, plus the aging-report and
// missing-authorisation procedures shared with the mid-level playbook. Steps are listed in
// the expected order; critical steps cap the item when missing.
import type { ProcedureItemInput } from '../types';
import { SECTION } from './policy';
import { agingArPlan, missingPreauth } from './shared';

type Procedure = Omit<ProcedureItemInput, 'section' | 'type' | 'prompt'> & { task: string };

const STEP_BY_STEP =
  'Describe, step by step, what you would do. Numbered steps or short paragraphs are both fine.';

const procedure = ({ task, ...item }: Procedure): ProcedureItemInput => ({
  ...item,
  type: 'procedure',
  section: SECTION.procedure,
  prompt: `${task}\n\n${STEP_BY_STEP}`,
});

export const billingAudit = procedure({
  id: 'procedure-senior-billing-audit',
  title: 'Auditing the billing process',
  task: 'You lead billing for a practice with four physicians. Denials have risen for two quarters, and the owner asks you to audit the billing process. Describe the audit you would run, from planning to follow-up.',
  steps: [
    {
      id: 'scope',
      description:
        'Set the scope and goal: which providers, services, payers and period, and which risk areas (for example E/M levels, modifiers, the top denial reasons)',
      weight: 2,
      terms: [
        'scope',
        'objective',
        'goal of the audit',
        'focus areas',
        'focus on',
        'risk areas',
        'high-risk',
        'high risk',
        'audit plan',
        'time period',
        'date range',
        'top denial reasons',
        'denial report',
      ],
    },
    {
      id: 'sample',
      description: 'Pull a sample of claims (random or targeted, for example 10 per provider)',
      weight: 2,
      terms: [
        'sample',
        'random sample',
        'pull claims',
        'pull a set of claims',
        'select claims',
        'claims per provider',
        'encounters per provider',
        'charts per provider',
        'probe audit',
        '10 claims',
        'ten claims',
        '20 claims',
      ],
    },
    {
      id: 'compare',
      description:
        'Compare each claim with the documentation and payer rules: codes, modifiers, units, dates, medical necessity, authorisation',
      weight: 3,
      critical: true,
      terms: [
        'compare',
        'check the codes',
        'review the codes',
        'against the documentation',
        'against the notes',
        'against the chart',
        'documentation',
        'medical record',
        'clinical notes',
        'visit notes',
        'supports the code',
        'supports the level',
        'supported by the note',
        'payer rules',
        'payer policies',
        'ncci',
        'modifiers',
        'units',
      ],
    },
    {
      id: 'measure',
      description:
        'Record the findings: error rate, financial impact and root causes by provider, payer and error type',
      weight: 2,
      terms: [
        'error rate',
        'accuracy rate',
        'findings',
        'spreadsheet',
        'financial impact',
        'dollar impact',
        'root cause',
        'root causes',
        'patterns',
        'categorize',
        'categorise',
        'by error type',
        'tally',
      ],
    },
    {
      id: 'correct',
      description:
        'Correct the errors: rebill underpaid claims within filing limits and return any overpayments',
      weight: 3,
      critical: true,
      terms: [
        'refund',
        'refunds',
        'return the overpayment',
        'return overpayments',
        'return any overpayments',
        'repay',
        'pay back',
        'overpayment',
        'overpayments',
        'rebill',
        'corrected claims',
        'correct the claims',
        'fix the claims',
        'resubmit',
        'void',
      ],
    },
    {
      id: 'report-and-educate',
      description: 'Report the results to the owner and providers, and educate staff and providers',
      weight: 2,
      terms: [
        'report the results',
        'report the findings',
        'report to the owner',
        'share the results',
        'share the findings',
        'present the results',
        'present the findings',
        'educate',
        'education',
        'train',
        'training',
        'feedback',
        'tell the providers',
        'tell the physicians',
        'tell the doctors',
      ],
    },
    {
      id: 'fix-process',
      description: 'Fix the process: templates, scrubber edits, checklists, front-desk workflow',
      weight: 2,
      terms: [
        'scrubber',
        'claim edits',
        'edits',
        'template',
        'templates',
        'checklist',
        'checklists',
        'workflow',
        'process change',
        'process changes',
        'policy',
        'policies',
        'eligibility checks',
      ],
    },
    {
      id: 're-audit',
      description: 'Audit again later and track the KPIs to confirm the improvement',
      weight: 2,
      terms: [
        're-audit',
        'reaudit',
        'follow-up audit',
        'follow up audit',
        'audit again',
        'repeat the audit',
        'next quarter',
        'quarterly',
        'in three months',
        'in 90 days',
        'kpi',
        'kpis',
        'dashboard',
        'track the denial rate',
        'monitor',
      ],
    },
  ],
  order: { method: 'lcs', share: 0.25 },
  rationale:
    'An audit starts with a plan: what is being checked, for which providers, payers and period, aimed at the risk areas the denial data points to. A sample of claims is then compared line by line with the documentation and the payer rules (critical: without this there is no audit). Findings are recorded with an error rate, the money involved and the root causes. Errors are then corrected both ways (critical): underpaid claims rebilled within filing limits, and overpayments returned, since keeping an identified overpayment is not an option. Results go to the owner and providers with education, the process is fixed at the source, and a follow-up audit with KPI tracking confirms that the fix worked.',
});

export const procedureItems: ProcedureItemInput[] = [billingAudit, agingArPlan, missingPreauth];
