// What every item type compiles to: a scorer built once per form, then called per answer.
import type { Answer } from '../answers';
import type { Evidence } from '../scorecard';

export interface ItemOutcome {
  score: number;
  answered: boolean;
  evidence: Evidence[];
  /** Red flags the answer raised, by flag id, with the text that raised them. */
  redFlags: { id: string; text: string }[];
}

export interface ItemScorer {
  max: number;
  /** `answer` has already passed `validateAnswers`; undefined means unanswered. */
  score(answer: Answer | undefined): ItemOutcome;
}

export function unanswered(max: number): ItemOutcome {
  return {
    score: 0,
    answered: false,
    evidence: [{ rule: 'answered', met: false, points: 0, max, text: 'not answered' }],
    redFlags: [],
  };
}

const UNTIDY_SPACE = /\s\s|[\t\n]|^\s|\s$/;

/** Flatten whitespace and cut long spans so evidence stays readable on one line. */
export function excerpt(text: string, limit = 160): string {
  const flat = UNTIDY_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`;
}
