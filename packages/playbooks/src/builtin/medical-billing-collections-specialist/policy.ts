// Scoring policy of the billing-and-collections playbook. Same four sections as the mid-level
// playbook (same ids, so shared items slot in), weighted toward posting accuracy, with the
// mid-level bands and a hurdle on attention to detail.
import type { PlaybookInput } from '../../format';
import { SECTION } from '../medical-billing-specialist/policy';

export { SECTION };

export const RED_FLAG = {
  keepOverpayment: 'ethics-keep-overpayment',
  thirdParty: 'privacy-third-party',
  threat: 'collections-threat',
} as const;

export const sections: PlaybookInput['sections'] = [
  {
    id: SECTION.judgment,
    title: 'Situational judgment',
    description:
      'Four situations from patient collections, each with four possible responses rated by experienced billing managers from 1 (harmful) to 4 (best): a patient who cannot pay, an upset patient, a third party on the phone and a disputed account at the collection agency.',
    weight: 20,
  },
  {
    id: SECTION.detail,
    title: 'Posting and reconciliation',
    description:
      'Seven exact answers from daily posting work: patient responsibility, contractual adjustments, posting a remittance with a denied line, a credit balance that must be refunded, a deposit that does not match its remittance, and days in A/R. A section score below 50 caps the result at borderline, whatever the total: money posted to the wrong place cannot be made up for by good calls.',
    weight: 30,
    hurdle: { min: 50, capBand: 'borderline' },
  },
  {
    id: SECTION.written,
    title: 'Written communication',
    description:
      'A reply to a patient about her deductible and the script of a collection call. Scored on content, tone, respect for the patient and, for the call, verifying identity and avoiding threats.',
    weight: 20,
  },
  {
    id: SECTION.procedure,
    title: 'Procedures',
    description:
      "Three workflows described step by step: appealing a denial, reconciling the day's payments to the bank, and working the aging report.",
    weight: 30,
  },
];

/**
 * The mid-level bands (80 / 65 / 50): this is a mid-level role with a different emphasis,
 * not a different level, so the bar is the same.
 */
export const bands: PlaybookInput['bands'] = { strong: 80, proceed: 65, borderline: 50 };

export const redFlags: PlaybookInput['redFlags'] = [
  {
    id: RED_FLAG.keepOverpayment,
    severity: 'high',
    message:
      "Chose to move a payer's duplicate payment into the practice's income instead of refunding it. Money paid in error belongs to the payer; keeping it, or hiding it in income, removes the audit trail and can make it a false claim.",
  },
  {
    id: RED_FLAG.thirdParty,
    severity: 'high',
    message:
      "Chose to tell a relative who answered the phone about the patient's balance. Discussing a patient's account with a third party discloses protected health information and breaches fair collection practice.",
  },
  {
    id: RED_FLAG.threat,
    severity: 'high',
    message:
      'The collection call script threatens or pressures the patient (for example legal action, arrest or damage to their credit). Threats and harassment breach fair debt collection standards (the FDCPA binds collection agencies, and many states hold in-house staff to the same rules) and practice policy.',
  },
];

export const combined: PlaybookInput['combined'] = { assessment: 60, interview: 40 };
