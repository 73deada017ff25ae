// Properties of the engine over generated answers (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { score, type Answers, type Form } from '../src';
import { fixtureForm, strongEmail, strongProcedure } from './fixture';

const words = [
  'the',
  'claim',
  'denial',
  'I',
  'would',
  'not',
  'resubmit',
  'review',
  'deductible',
  'Dear',
  'Jane',
  'please',
  'EOB',
  'modifier',
  'follow',
  'up',
  'payment',
  'plan',
  '$250',
  'call',
  'us',
  'then',
  'documentation',
  'never',
  'correct',
];
const sentence = fc
  .array(fc.constantFrom(...words), { minLength: 1, maxLength: 14 })
  .map((w) => `${w.join(' ')}.`);
const text = fc.oneof(
  fc.array(sentence, { maxLength: 8 }).map((s) => s.join(' ')),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(strongEmail, strongProcedure, ''),
);
const option = fc.constantFrom('a', 'b', 'c', 'd');
const sjt = fc
  .tuple(option, option)
  .filter(([best, worst]) => best !== worst)
  .map(([best, worst]) => ({ best, worst }));

const answers: fc.Arbitrary<Answers> = fc.record(
  {
    'sjt-upcode': sjt,
    'sjt-patient': sjt,
    'detail-total': fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => ({ value })),
      fc.string().map((value) => ({ value })),
    ),
    'detail-sex': option.map((choice) => ({ choice })),
    'written-email': text.map((t) => ({ text: t })),
    'written-chat': text.map((t) => ({ text: t })),
    'procedure-denial': text.map((t) => ({ text: t })),
  },
  { requiredKeys: [] },
);

describe('scoring properties', () => {
  it('keeps every score within [0, max] and the total within [0, 100]', () => {
    fc.assert(
      fc.property(answers, (sheet) => {
        const card = score(fixtureForm, sheet);
        expect(card.total).toBeGreaterThanOrEqual(0);
        expect(card.total).toBeLessThanOrEqual(100);
        for (const section of Object.values(card.sections)) {
          expect(section.score).toBeGreaterThanOrEqual(0);
          expect(section.score).toBeLessThanOrEqual(100);
        }
        for (const item of Object.values(card.items)) {
          expect(item.score).toBeGreaterThanOrEqual(0);
          expect(item.score).toBeLessThanOrEqual(item.max);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers a written score when a required concept is added', () => {
    const additions = ['The $250 went to your deductible.', 'You can set up a payment plan.'];
    fc.assert(
      fc.property(text, fc.constantFrom(...additions), (base, addition) => {
        const before = score(fixtureForm, { 'written-email': { text: base } }).items[
          'written-email'
        ]!;
        const after = score(fixtureForm, { 'written-email': { text: `${base}\n${addition}` } })
          .items['written-email']!;
        const concepts = (item: typeof before) =>
          item.evidence
            .filter((e) => e.rule === 'explains-deductible' || e.rule === 'options')
            .reduce((s, e) => s + e.points, 0);
        expect(concepts(after)).toBeGreaterThanOrEqual(concepts(before));
      }),
      { numRuns: 300 },
    );
  });

  it('does not change scores when SJT option order is shuffled (ids kept)', () => {
    fc.assert(
      fc.property(answers, fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), (sheet, keys) => {
        const shuffled = structuredClone(fixtureForm) as Form;
        for (const item of shuffled.items) {
          if (item.type !== 'sjt') continue;
          item.options = item.options
            .map((o, i) => ({ o, k: keys[i]! }))
            .sort((a, b) => a.k - b.k)
            .map(({ o }) => o);
        }
        const a = score(fixtureForm, sheet);
        const b = score(shuffled, sheet);
        expect(b.total).toBe(a.total);
        expect(b.items).toEqual(a.items);
        expect(b.redFlags).toEqual(a.redFlags);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic: the same input gives the identical JSON string', () => {
    fc.assert(
      fc.property(answers, (sheet) => {
        const first = JSON.stringify(score(fixtureForm, sheet));
        const again = JSON.stringify(score(structuredClone(fixtureForm), structuredClone(sheet)));
        expect(again).toBe(first);
      }),
      { numRuns: 200 },
    );
  });
});
