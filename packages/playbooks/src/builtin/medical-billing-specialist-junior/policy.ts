// Scoring policy of the junior playbook. Same four sections as the mid-level playbook (same
// ids, so shared items slot in), re-weighted toward accuracy and simple claim work, with a
// lower bar for "proceed" and a hurdle on attention to detail.
import type { PlaybookInput } from '../../format';
import { SECTION } from '../medical-billing-specialist/policy';
import { falsifyFlag, privacyFlag } from './shared';

export { SECTION };

/** Red-flag ids: two shared with the mid-level playbook, two of this playbook's own. */
export const RED_FLAG = {
  privacy: 'ethics-privacy',
  falsify: 'ethics-falsify',
  unsupportedCode: 'ethics-unsupported-code',
  unverifiedCaller: 'privacy-unverified-caller',
} as const;

export const sections: PlaybookInput['sections'] = [
  {
    id: SECTION.judgment,
    title: 'Situational judgment',
    description:
      'Four everyday situations with four possible responses each, rated by experienced billing managers from 1 (harmful) to 4 (best). Fewer than at mid level: a junior biller works under supervision and is not expected to make many judgment calls alone, but must handle patients courteously, protect their privacy and know when to ask.',
    weight: 15,
  },
  {
    id: SECTION.detail,
    title: 'Attention to detail',
    description:
      'Nine checks and calculations of the kind a junior biller does every day: totals and balances, coinsurance, days outstanding, and mismatches between the claim, the account and the chart. The largest section, because accurate data entry is the core of the job at this level. A section score below 50 caps the result at borderline, whatever the total: strong writing cannot make up for inaccurate billing data.',
    weight: 35,
    hurdle: { min: 50, capBand: 'borderline' },
  },
  {
    id: SECTION.written,
    title: 'Written communication',
    description:
      'Three short messages: a reply to a patient about her deductible, a question to a medical assistant about the chart, and a friendly payment reminder. Scored on content, tone, plain language and length.',
    weight: 20,
  },
  {
    id: SECTION.procedure,
    title: 'Procedures',
    description:
      'Three routine tasks described step by step: sending a claim, following up an unpaid claim and recording a patient payment.',
    weight: 30,
  },
];

/**
 * Lower than the mid-level bands (80 / 65 / 50): the role is learned on the job under
 * supervision, so a candidate who gets the basics right (accurate data, safe judgment, the
 * main steps of routine tasks) is worth interviewing from 55.
 */
export const bands: PlaybookInput['bands'] = { strong: 75, proceed: 55, borderline: 40 };

export const redFlags: PlaybookInput['redFlags'] = [
  privacyFlag,
  falsifyFlag,
  {
    id: RED_FLAG.unsupportedCode,
    severity: 'high',
    message:
      'Chose to put a diagnosis on a claim because the payer usually pays for it, not because the clinician documented it. Billing codes that the record does not support is fraud, whoever enters them.',
  },
  {
    id: RED_FLAG.unverifiedCaller,
    severity: 'high',
    message:
      "Chose to give a caller a patient's visit and billing details without checking that the patient had authorised them. Knowing a date of birth and an address does not make someone entitled to protected health information.",
  },
];

export const combined: PlaybookInput['combined'] = { assessment: 60, interview: 40 };
