// Attention to detail: one number (within tolerance) or one choice; all or nothing.
import type { ChoiceAnswer, NumberAnswer } from '../answers';
import type { DetailForm } from '../form';
import { unanswered, type ItemScorer } from './item-scorer';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
// Guards against binary artefacts: 0.1 + 0.2 is within a 0.01 tolerance of 0.3, and so is 0.31.
const FLOAT_SLACK = 1e-9;

/** "$1,000.00" → 1000, "7.5 %" → 7.5; NaN when it is not a plain number once `$ , %` and spaces go. */
export function parseAmount(value: number | string): number {
  if (typeof value === 'number') return value;
  const plain = value.replace(/[$,%\s]/g, '').replace(/\u2212/g, '-');
  return NUMBER.test(plain) ? Number(plain) : Number.NaN;
}

export function compileDetail(item: DetailForm): ItemScorer {
  const { response, points } = item;
  return {
    max: points,
    score(answer) {
      if (answer === undefined) return unanswered(points);
      if (response.kind === 'number') {
        const given = (answer as NumberAnswer).value;
        const value = parseAmount(given);
        const correct = Math.abs(value - response.key) <= response.tolerance + FLOAT_SLACK;
        const text = Number.isNaN(value)
          ? `${JSON.stringify(given)} is not a number`
          : `answered ${value} (key ${response.key} ± ${response.tolerance})`;
        return {
          score: correct ? points : 0,
          answered: true,
          evidence: [
            { rule: 'value', met: correct, points: correct ? points : 0, max: points, text },
          ],
          redFlags: [],
        };
      }
      const choice = (answer as ChoiceAnswer).choice;
      const correct = choice === response.key;
      const flag = response.options.find((o) => o.id === choice)?.redFlag;
      return {
        score: correct ? points : 0,
        answered: true,
        evidence: [
          {
            rule: 'choice',
            met: correct,
            points: correct ? points : 0,
            max: points,
            text: correct ? `chose ${choice}, the key` : `chose ${choice} (key: ${response.key})`,
          },
        ],
        redFlags: flag ? [{ id: flag, text: `chose ${choice}` }] : [],
      };
    },
  };
}
