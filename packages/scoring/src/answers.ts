// Answer shapes and their validation. Invalid answers are the caller's error (reported, never
// scored); a missing answer is simply unanswered.
import type { Form, ItemForm } from './form';

export type SjtAnswer = { best: string; worst: string };
export type NumberAnswer = { value: number | string };
export type ChoiceAnswer = { choice: string };
export type TextAnswer = { text: string };
export type Answer = SjtAnswer | NumberAnswer | ChoiceAnswer | TextAnswer;
/** Item id → answer. Items absent from the map are unanswered. */
export type Answers = Record<string, Answer>;

export interface AnswerProblem {
  /** The item concerned, when there is one. */
  item?: string;
  message: string;
}

export type AnswersValidation =
  { ok: true; answers: Answers } | { ok: false; problems: AnswerProblem[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as one short line of JSON, for messages. */
function quote(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 59)}…` : json;
}

function problemWith(item: ItemForm, answer: Record<string, unknown>): string | undefined {
  switch (item.type) {
    case 'sjt': {
      const ids = item.options.map((o) => o.id);
      for (const field of ['best', 'worst'] as const) {
        const pick = answer[field];
        if (typeof pick !== 'string')
          return `expected {"best": option, "worst": option}, "${field}" is ${quote(pick)}`;
        if (!ids.includes(pick))
          return `"${field}" ${quote(pick)} is not one of the options ${ids.join(', ')}`;
      }
      return answer.best === answer.worst ? 'best and worst must be different options' : undefined;
    }
    case 'detail': {
      const response = item.response;
      if (response.kind === 'number') {
        const value = answer.value;
        if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string') {
          return `expected {"value": number or string}, got ${quote(answer)}`;
        }
        return undefined;
      }
      const choice = answer.choice;
      if (typeof choice !== 'string') return `expected {"choice": option}, got ${quote(answer)}`;
      const ids = response.options.map((o) => o.id);
      return ids.includes(choice)
        ? undefined
        : `"choice" ${quote(choice)} is not one of the options ${ids.join(', ')}`;
    }
    case 'written':
    case 'procedure':
      return typeof answer.text === 'string'
        ? undefined
        : `expected {"text": string}, got ${quote(answer)}`;
  }
}

/**
 * Check an answers map against a form: every key must be an item id and every answer must have
 * the item's shape. Reports all problems, each naming its item. Extra fields are ignored.
 */
export function validateAnswers(form: Form, answers: unknown): AnswersValidation {
  if (!isRecord(answers))
    return { ok: false, problems: [{ message: '"answers" must be an object keyed by item id' }] };
  const items = new Map(form.items.map((item) => [item.id, item]));
  const problems: AnswerProblem[] = [];
  for (const [id, answer] of Object.entries(answers)) {
    const item = items.get(id);
    if (item === undefined) {
      problems.push({
        item: id,
        message: `unknown item id for playbook ${form.id}@${form.version}`,
      });
    } else if (!isRecord(answer)) {
      problems.push({ item: id, message: `answer must be an object, got ${quote(answer)}` });
    } else {
      const message = problemWith(item, answer);
      if (message !== undefined) problems.push({ item: id, message });
    }
  }
  return problems.length === 0
    ? { ok: true, answers: answers as Answers }
    : { ok: false, problems };
}
