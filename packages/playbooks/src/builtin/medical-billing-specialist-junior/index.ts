// Built-in playbook: Medical Billing Specialist, junior (0–2 years). Shares the four sections
// and several items with the mid-level playbook; re-weighted toward accuracy and simple claim
// steps, with fewer judgment calls and a lower bar for "proceed". Facts follow the content
// brief ("Facts for the variants"); wording is ours.
import type { PlaybookInput } from '../../format';
import { detailItems } from './detail';
import { interviewGuide } from './interview';
import { judgmentItems } from './judgment';
import { bands, combined, redFlags, sections } from './policy';
import { procedureItems } from './procedure';
import { writtenItems } from './written';

export const medicalBillingSpecialistJunior: PlaybookInput = {
  id: 'medical-billing-specialist-junior',
  version: '1.0.0',
  title: 'Medical Billing Specialist (Junior)',
  level: 'junior',
  function: 'finance',
  summary:
    'An entry-level biller (up to two years of experience) in an outpatient practice, working under a senior biller or billing manager. Enters billing data and submits claims, checks patient and visit information with clinical staff, posts and records payments, follows up on unpaid claims and patient balances, and answers patient questions politely, all in line with HIPAA. The assessment leans on accuracy and simple claim steps rather than judgment calls, and its bar is lower than for the mid-level role (proceed from 55, strong from 75): the job is learned under supervision, so a candidate who gets the basics right is worth interviewing. A low attention-to-detail score caps the result at borderline.',
  responsibilities: [
    'Enter charges and submit claims electronically from superbills and visit records.',
    'Check patient demographics, insurance and visit details, and confirm them with clinical staff when they disagree.',
    'Post patient and insurance payments and keep billing and payment records accurate.',
    'Follow up on unpaid claims and patient balances, and note every contact on the account.',
    'Answer patient billing questions courteously and in plain language.',
    'Protect patient information in line with HIPAA.',
  ],
  skills: [
    'Basic ICD-10-CM and CPT knowledge',
    'Using an EHR or practice management system',
    'Accurate data entry',
    'Basic billing math and bookkeeping',
    'Customer service on the phone and in writing',
    'MS Office (Excel, Word, Outlook)',
    'HIPAA basics',
    'Knowing when to ask for help',
  ],
  certifications: ['CPB or CBCS (Certified Billing and Coding Specialist): welcome, not required'],
  kpis: [
    'Claims entered without errors',
    'Claim rejection rate',
    'Payments posted accurately and on time',
    'Unpaid claims followed up on schedule',
  ],
  timeLimitMinutes: 30,
  sections,
  bands,
  redFlags,
  items: [...judgmentItems, ...detailItems, ...writtenItems, ...procedureItems],
  interview: interviewGuide,
  combined,
};
