// Scoring policy of the medical-billing-specialist playbook: sections, bands, red flags and
// the weights of the combined hiring score.
import type { PlaybookInput } from '../../format';

/** Section ids, referenced by every item. */
export const SECTION = {
  judgment: 'judgment',
  detail: 'detail',
  written: 'written',
  procedure: 'procedure',
} as const;

/** Red-flag ids, referenced by the items that raise them. */
export const RED_FLAG = {
  upcoding: 'ethics-upcoding',
  privacy: 'ethics-privacy',
  falsify: 'ethics-falsify',
  privacyChat: 'privacy-chat',
} as const;

export const sections: PlaybookInput['sections'] = [
  {
    id: SECTION.judgment,
    title: 'Situational judgment',
    description:
      'Six realistic workplace situations, each with four possible responses rated by experienced billing managers from 1 (harmful) to 4 (best).',
    weight: 20,
  },
  {
    id: SECTION.detail,
    title: 'Attention to detail',
    description:
      'Eight billing calculations and data checks: an invoice total, patient responsibility, a contractual adjustment, two KPIs and three mismatches in claim data.',
    weight: 25,
  },
  {
    id: SECTION.written,
    title: 'Written communication',
    description:
      'Three short messages to a patient, a physician and the billing team, scored on content, tone, plain language and length.',
    weight: 25,
  },
  {
    id: SECTION.procedure,
    title: 'Procedures',
    description:
      'Four everyday workflows described step by step: a denial, a full billing cycle, aging accounts and a missing prior authorisation.',
    weight: 30,
  },
];

export const bands: PlaybookInput['bands'] = { strong: 80, proceed: 65, borderline: 50 };

export const redFlags: PlaybookInput['redFlags'] = [
  {
    id: RED_FLAG.upcoding,
    severity: 'high',
    message:
      'Chose to bill a higher-paying code than the documentation supports because a manager suggested it. Upcoding is billing fraud and exposes the practice and the biller to liability.',
  },
  {
    id: RED_FLAG.privacy,
    severity: 'high',
    message:
      "Chose to join a colleague discussing a patient's bill and diagnosis where other patients could hear. This adds to a disclosure of protected health information.",
  },
  {
    id: RED_FLAG.falsify,
    severity: 'high',
    message:
      "Chose to change a patient's recorded sex so that a claim would pass a payer edit. Altering patient data to get a claim paid falsifies the record.",
  },
  {
    id: RED_FLAG.privacyChat,
    severity: 'medium',
    message:
      'Put patient identifiers (such as a name with a date of birth, a record number or a member ID) in a team chat message that did not need them.',
  },
];

export const combined: PlaybookInput['combined'] = { assessment: 60, interview: 40 };
