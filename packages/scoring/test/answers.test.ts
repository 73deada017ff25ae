import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../src';
import { fixtureForm, fullAnswers } from './fixture';

const problemsOf = (answers: unknown) => {
  const result = validateAnswers(fixtureForm, answers);
  return result.ok ? [] : result.problems;
};

describe('validateAnswers', () => {
  it('accepts a complete sheet and an empty one', () => {
    expect(validateAnswers(fixtureForm, fullAnswers)).toEqual({ ok: true, answers: fullAnswers });
    expect(validateAnswers(fixtureForm, {}).ok).toBe(true);
  });

  it('reports unknown item ids', () => {
    expect(problemsOf({ 'sjt-nope': { best: 'a', worst: 'b' } })).toEqual([
      { item: 'sjt-nope', message: 'unknown item id for playbook fixture-billing@1.2.3' },
    ]);
  });

  it.each([
    ['sjt-upcode', { best: 'b' }, '"worst" is undefined'],
    ['sjt-upcode', { best: 'b', worst: 'z' }, '"worst" "z" is not one of the options a, b, c, d'],
    ['sjt-upcode', { best: 'b', worst: 'b' }, 'best and worst must be different options'],
    ['detail-total', { choice: 'a' }, 'expected {"value": number or string}'],
    ['detail-total', { value: null }, 'expected {"value": number or string}'],
    ['detail-sex', { value: 3 }, 'expected {"choice": option}'],
    ['detail-sex', { choice: 'e' }, '"choice" "e" is not one of the options a, b, c, d'],
    ['written-email', { text: 42 }, 'expected {"text": string}'],
    ['procedure-denial', 'resubmit', 'answer must be an object'],
  ])('reports a wrong shape for %s: %j', (item, answer, message) => {
    const [problem, ...more] = problemsOf({ [item]: answer });
    expect(more).toEqual([]);
    expect(problem!.item).toBe(item);
    expect(problem!.message).toContain(message);
  });

  it('reports every problem, not just the first', () => {
    expect(problemsOf({ x: {}, 'detail-total': {} }).map((p) => p.item)).toEqual([
      'x',
      'detail-total',
    ]);
  });

  it('rejects answers that are not an object', () => {
    expect(problemsOf([])).toEqual([{ message: '"answers" must be an object keyed by item id' }]);
  });
});
