// Scoring policy of the senior playbook. Same four sections as the mid-level playbook (same
// ids, so shared items slot in), weighted toward judgment and procedures, with a higher bar
// and a hurdle on judgment.
import type { PlaybookInput } from '../../format';
import { SECTION } from '../medical-billing-specialist/policy';
import { privacyChatFlag, upcodingFlag } from './shared';

export { SECTION };

/** Red-flag ids: two shared with the mid-level playbook, two of this playbook's own. */
export const RED_FLAG = {
  upcoding: 'ethics-upcoding',
  privacyChat: 'privacy-chat',
  keepOverpayment: 'ethics-keep-overpayment',
  copayWaiver: 'ethics-copay-waiver',
} as const;

export const sections: PlaybookInput['sections'] = [
  {
    id: SECTION.judgment,
    title: 'Situational judgment',
    description:
      'Four situations a billing lead meets: pressure to upcode, an audit that finds overpayments, a struggling team member and a request to waive patient cost-sharing. Rated by experienced billing managers from 1 (harmful) to 4 (best). A section score below 50 caps the result at borderline, whatever the total: the person who leads the billing function sets the compliance standard for everyone else.',
    weight: 25,
    hurdle: { min: 50, capBand: 'borderline' },
  },
  {
    id: SECTION.detail,
    title: 'Metrics and analysis',
    description:
      'Five questions on the numbers a billing lead reports and acts on: denial rate, days in A/R, first-pass rate, net collection rate, and reading a denial-trend table to choose the fix.',
    weight: 20,
  },
  {
    id: SECTION.written,
    title: 'Written communication',
    description:
      'Two messages: coaching a team member about a pattern of errors, and telling the team about a rejection problem. Scored on content, tone and length.',
    weight: 20,
  },
  {
    id: SECTION.procedure,
    title: 'Procedures',
    description:
      'Three plans described step by step: an audit of the billing process, working the aging report and recovering a claim for a service done without prior authorisation.',
    weight: 35,
  },
];

/**
 * Higher than the mid-level bands (80 / 65 / 50): a senior biller leads the function, trains
 * others and answers for compliance, so errors repeat across the team's work. Strong starts
 * at 85 and proceed at 70.
 */
export const bands: PlaybookInput['bands'] = { strong: 85, proceed: 70, borderline: 55 };

export const redFlags: PlaybookInput['redFlags'] = [
  upcodingFlag,
  privacyChatFlag,
  {
    id: RED_FLAG.keepOverpayment,
    severity: 'high',
    message:
      'Chose to keep overpayments that an audit had identified, correcting only future claims. Knowingly keeping an identified overpayment (for Medicare, past the 60-day deadline to report and return it) can turn it into a false claim.',
  },
  {
    id: RED_FLAG.copayWaiver,
    severity: 'high',
    message:
      'Chose to set up a routine waiver of copays and deductibles for all patients. Routinely waiving cost-sharing, without a documented financial-hardship assessment, can breach payer contracts and federal fraud-and-abuse rules.',
  },
];

export const combined: PlaybookInput['combined'] = { assessment: 60, interview: 40 };
