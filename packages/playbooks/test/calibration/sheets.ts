// Whole answer sheets (CONTRACTS.md §1 shape) built from the calibration answers. The JSON
// copies in ./sheets/ are what `assay score` reads; the calibration test checks they match.
import {
  agingAr,
  missingModifier,
  missingPreauth,
  newPatientCycle,
  type ProcedureCalibration,
} from './procedure-answers';
import {
  deductibleEmail,
  npiChat,
  npiChatWithIdentifiers,
  providerClarification,
  type WrittenCalibration,
} from './written-answers';

type Answer =
  | { best: string; worst: string }
  | { value: string | number }
  | { choice: string }
  | { text: string };

export interface AnswerSheet {
  playbook: string;
  answers: Record<string, Answer>;
}

export const SHEET_NAMES = [
  'strong',
  'average',
  'weak',
  'keyword-stuffed',
  'unethical',
  'blank',
] as const;
export type SheetName = (typeof SHEET_NAMES)[number];

const PLAYBOOK = 'medical-billing-specialist@1.0.0';

/** Every SJT keyed correctly. */
const sjtKeyed: Record<string, Answer> = {
  'sjt-surprise-bill': { best: 'b', worst: 'a' },
  'sjt-upcode-pressure': { best: 'b', worst: 'a' },
  'sjt-task-crunch': { best: 'b', worst: 'c' },
  'sjt-colleague-errors': { best: 'b', worst: 'c' },
  'sjt-privacy-breach': { best: 'c', worst: 'a' },
  'sjt-cannot-pay': { best: 'b', worst: 'a' },
};

/** Plausible picks of a candidate with fair but imperfect judgment. */
const sjtMixed: Record<string, Answer> = {
  'sjt-surprise-bill': { best: 'b', worst: 'a' },
  'sjt-upcode-pressure': { best: 'c', worst: 'a' },
  'sjt-task-crunch': { best: 'b', worst: 'd' },
  'sjt-colleague-errors': { best: 'd', worst: 'c' },
  'sjt-privacy-breach': { best: 'c', worst: 'd' },
  'sjt-cannot-pay': { best: 'b', worst: 'c' },
};

/** Poor judgment, but never the picks that raise a red flag. */
const sjtPoor: Record<string, Answer> = {
  'sjt-surprise-bill': { best: 'c', worst: 'b' },
  'sjt-upcode-pressure': { best: 'c', worst: 'd' },
  'sjt-task-crunch': { best: 'a', worst: 'd' },
  'sjt-colleague-errors': { best: 'a', worst: 'b' },
  'sjt-privacy-breach': { best: 'b', worst: 'c' },
  'sjt-cannot-pay': { best: 'a', worst: 'b' },
};

/** All detail keys, typed in the varied ways candidates type them. */
const detailCorrect: Record<string, Answer> = {
  'detail-invoice-total': { value: '$350.00' },
  'detail-account-transposition': { choice: 'a' },
  'detail-code-sex-mismatch': { choice: 'b' },
  'detail-date-of-service': { choice: 'c' },
  'detail-patient-responsibility': { value: '$440' },
  'detail-contractual-adjustment': { value: 70 },
  'detail-denial-rate': { value: '7.5%' },
  'detail-days-in-ar': { value: '30' },
};

/** Five of eight right: the classic slips on patient responsibility, A/R days and dates. */
const detailMixed: Record<string, Answer> = {
  ...detailCorrect,
  'detail-patient-responsibility': { value: '$300' },
  'detail-days-in-ar': { value: '33.3' },
  'detail-date-of-service': { choice: 'd' },
};

/** One of eight right. */
const detailPoor: Record<string, Answer> = {
  'detail-invoice-total': { value: '370' },
  'detail-account-transposition': { choice: 'b' },
  'detail-code-sex-mismatch': { choice: 'c' },
  'detail-date-of-service': { choice: 'a' },
  'detail-patient-responsibility': { value: '200' },
  'detail-contractual-adjustment': { value: '180' },
  'detail-denial-rate': { value: '7.5' },
  'detail-days-in-ar': { value: '3' },
};

type WrittenQuality = keyof WrittenCalibration;
type ProcedureQuality = keyof ProcedureCalibration;

function texts(
  written: WrittenQuality,
  procedure: ProcedureQuality,
  overrides: Partial<Record<string, string>> = {},
): Record<string, Answer> {
  const all: Record<string, string> = {
    'written-patient-deductible-email': deductibleEmail[written],
    'written-provider-clarification': providerClarification[written],
    'written-team-npi-chat': npiChat[written],
    'procedure-missing-modifier-denial': missingModifier[procedure],
    'procedure-new-patient-cycle': newPatientCycle[procedure],
    'procedure-aging-ar-plan': agingAr[procedure],
    'procedure-missing-preauth': missingPreauth[procedure],
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).map(([id, text]) => [id, { text }]));
}

export function buildSheets(): Record<SheetName, AnswerSheet> {
  return {
    strong: {
      playbook: PLAYBOOK,
      answers: { ...sjtKeyed, ...detailCorrect, ...texts('excellent', 'excellent') },
    },
    average: {
      playbook: PLAYBOOK,
      answers: {
        ...sjtMixed,
        ...detailMixed,
        ...texts('good', 'good', {
          'written-team-npi-chat': npiChat.mediocre,
          'procedure-aging-ar-plan': agingAr.mediocre,
        }),
      },
    },
    weak: {
      playbook: PLAYBOOK,
      answers: { ...sjtPoor, ...detailPoor, ...texts('poor', 'poor') },
    },
    'keyword-stuffed': {
      playbook: PLAYBOOK,
      answers: { ...sjtMixed, ...detailMixed, ...texts('stuffed', 'stuffed') },
    },
    unethical: {
      playbook: PLAYBOOK,
      answers: {
        ...sjtKeyed,
        'sjt-upcode-pressure': { best: 'a', worst: 'd' },
        'sjt-privacy-breach': { best: 'a', worst: 'd' },
        ...detailCorrect,
        'detail-code-sex-mismatch': { choice: 'd' },
        ...texts('good', 'good', { 'written-team-npi-chat': npiChatWithIdentifiers }),
      },
    },
    blank: { playbook: PLAYBOOK, answers: {} },
  };
}
