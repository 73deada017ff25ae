// Built-in playbook: Medical Billing Specialist (mid-level, small and mid-size outpatient
// practices). Facts, ids and keys follow the content brief; wording is ours.
import type { PlaybookInput } from '../../format';
import { detailItems } from './detail';
import { interviewGuide } from './interview';
import { judgmentItems } from './judgment';
import { bands, combined, redFlags, sections } from './policy';
import { procedureItems } from './procedure';
import { writtenItems } from './written';

export const medicalBillingSpecialist: PlaybookInput = {
  id: 'medical-billing-specialist',
  version: '1.0.0',
  title: 'Medical Billing Specialist',
  level: 'mid',
  function: 'finance',
  summary:
    'Runs the revenue cycle of a small or mid-size outpatient practice, where one person often owns it end to end: coding visits, checking eligibility and prior authorisations, sending clean claims, posting payments and adjustments, working denials and aging accounts, billing patients and agreeing payment plans, all in line with HIPAA and payer rules.',
  responsibilities: [
    'Code services with ICD-10-CM, CPT and HCPCS codes and the correct modifiers, from the clinical documentation.',
    'Verify eligibility and benefits, and obtain prior authorisations before services are provided.',
    'Prepare and submit clean claims electronically (837) or on the CMS-1500 form.',
    'Post insurance payments and contractual adjustments from EOBs and ERAs (835).',
    'Work denials, rejections and aging accounts receivable through to payment.',
    'Bill patients, answer their questions and set up payment plans.',
    'Keep patient information private and billing compliant with HIPAA, timely filing limits and coding rules.',
  ],
  skills: [
    'Coding systems: ICD-10-CM, CPT, HCPCS Level II and modifiers',
    'Claims and payer rules: Medicare, Medicaid, HMO and PPO plans, coordination of benefits',
    'Billing software and EHRs (for example Kareo/Tebra, AdvancedMD, DrChrono, athenaOne)',
    'Accurate data entry and billing arithmetic',
    'Medical terminology',
    'Regulatory compliance: HIPAA, timely filing, coding only what is documented',
    'Clear, calm communication with patients, including under pressure',
    'Prioritising competing deadlines',
    'Working well with clinicians, front-desk staff and managers',
    'Integrity',
  ],
  certifications: ['CPB (Certified Professional Biller)', 'CPC (Certified Professional Coder)'],
  kpis: [
    'Clean-claim (first-pass) rate',
    'Denial rate',
    'Days in accounts receivable',
    'Net collection rate',
    'Coding accuracy',
  ],
  timeLimitMinutes: 30,
  sections,
  bands,
  redFlags,
  items: [...judgmentItems, ...detailItems, ...writtenItems, ...procedureItems],
  interview: interviewGuide,
  combined,
};
