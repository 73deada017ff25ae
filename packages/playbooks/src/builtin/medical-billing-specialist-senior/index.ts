// Built-in playbook: Medical Billing Specialist, senior (5+ years, leads the billing function).
// Shares the four sections and several items with the mid-level playbook; adds metrics,
// audit, coaching and compliance-leadership content and a higher bar. Facts follow the
// content brief ("Facts for the variants"); wording is ours.
import type { PlaybookInput } from '../../format';
import { detailItems } from './detail';
import { interviewGuide } from './interview';
import { judgmentItems } from './judgment';
import { bands, combined, redFlags, sections } from './policy';
import { procedureItems } from './procedure';
import { writtenItems } from './written';

export const medicalBillingSpecialistSenior: PlaybookInput = {
  id: 'medical-billing-specialist-senior',
  version: '1.0.0',
  title: 'Senior Medical Billing Specialist',
  level: 'senior',
  function: 'finance',
  summary:
    "Leads the billing function of an outpatient practice (5+ years of experience): oversees claim preparation, submission and follow-up, manages accounts receivable and complex denials, audits billing processes and puts improvements in place, trains and supports the billing staff, and analyses the practice's billing metrics and reports trends to its owners. The assessment adds metrics, audit, coaching and compliance-leadership content to the mid-level role, and its bar is higher (proceed from 70, strong from 85) because a lead's errors and judgment calls repeat across the whole team's work. A low judgment score caps the result at borderline.",
  responsibilities: [
    'Oversee claim preparation, submission and follow-up for the practice.',
    'Manage accounts receivable and resolve complex denials and payer disputes.',
    'Audit billing and coding processes and implement improvements.',
    'Train, coach and support billing staff.',
    'Analyse billing metrics, report trends and set targets with the practice owners.',
    'Keep billing compliant with Medicare, Medicaid and commercial payer rules, HIPAA and the practice compliance program.',
  ],
  skills: [
    'CPT, HCPCS, ICD-10-CM and revenue codes',
    'Medicare, Medicaid and commercial payer rules, including NCCI edits and coverage policies',
    'Revenue-cycle metrics and reporting (denial rate, days in A/R, first-pass rate, net collection rate)',
    'Auditing billing and coding against documentation',
    'Complex denials, appeals and payer escalation',
    'Coaching and leading a team',
    'Compliance judgment under pressure',
  ],
  certifications: ['AAPC credential (CPC, CPB or CRC) or AHIMA credential (CCS, CCS-P): expected'],
  kpis: [
    'Net collection rate',
    'Denial rate and first-pass (clean-claim) rate',
    'Days in accounts receivable',
    'Audit error rate',
    'Team productivity and accuracy',
  ],
  timeLimitMinutes: 40,
  sections,
  bands,
  redFlags,
  items: [...judgmentItems, ...detailItems, ...writtenItems, ...procedureItems],
  interview: interviewGuide,
  combined,
};
