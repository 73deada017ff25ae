import { describe, expect, it } from 'vitest';
import type { PlaybookInput } from '../src/format';
import { playbookHash } from '../src/hash';
import { pointer, validatePlaybook } from '../src/validate';

/** The smallest valid playbook with one item of each type, as an author would write it. */
const minimalPlaybook: PlaybookInput = {
  id: 'mini',
  version: '0.1.0',
  title: 'Mini',
  level: 'mid',
  function: 'finance',
  summary: 'A tiny playbook for tests.',
  timeLimitMinutes: 10,
  sections: [
    { id: 'judgment', title: 'Judgment', weight: 25 },
    { id: 'detail', title: 'Detail', weight: 25 },
    { id: 'written', title: 'Written', weight: 25 },
    { id: 'procedure', title: 'Procedure', weight: 25 },
  ],
  redFlags: [
    { id: 'ethics-upcoding', severity: 'high', message: 'Billed what was not documented.' },
  ],
  items: [
    {
      id: 'sjt-one',
      type: 'sjt',
      section: 'judgment',
      title: 'One',
      prompt: 'What do you do?',
      options: [
        { id: 'a', text: 'Bill it higher', effectiveness: 1, redFlagIfBest: 'ethics-upcoding' },
        { id: 'b', text: 'Query the provider', effectiveness: 4 },
        { id: 'c', text: 'Code as documented', effectiveness: 3 },
      ],
      key: { best: 'b', worst: 'a' },
    },
    {
      id: 'detail-one',
      type: 'detail',
      section: 'detail',
      title: 'Total',
      prompt: 'Add $200 and $150.',
      response: { kind: 'number', key: 350 },
    },
    {
      id: 'written-one',
      type: 'written',
      section: 'written',
      title: 'Email',
      prompt: 'Write to the patient.',
      criteria: [
        {
          id: 'explains',
          description: 'Explains the deductible',
          feature: { kind: 'concepts', concepts: [{ id: 'deductible', terms: ['deductible'] }] },
          levels: [{ points: 2, min: 1 }],
        },
      ],
    },
    {
      id: 'procedure-one',
      type: 'procedure',
      section: 'procedure',
      title: 'Denial',
      prompt: 'Work the denial.',
      steps: [
        { id: 'review', description: 'Review the denial', terms: ['review the denial'] },
        { id: 'resubmit', description: 'Resubmit', terms: ['resubmit'], critical: true },
      ],
    },
  ],
};

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const broken = (edit: (p: Mutable) => void): Mutable => {
  const copy = structuredClone(minimalPlaybook) as Mutable;
  edit(copy);
  return copy;
};
const errorsOf = (input: unknown) => {
  const result = validatePlaybook(input);
  return result.ok ? [] : result.errors;
};

describe('validatePlaybook', () => {
  it('accepts a valid playbook and returns it parsed, defaults filled in', () => {
    const result = validatePlaybook(minimalPlaybook);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const parsed = result.playbook;
    expect(parsed.bands).toEqual({ strong: 80, proceed: 65, borderline: 50 });
    expect(parsed.combined).toEqual({ assessment: 60, interview: 40 });
    const [sjt, detail, , procedure] = parsed.items;
    expect(sjt).toMatchObject({ scoring: 'plus-minus' });
    expect(detail).toMatchObject({ points: 1, response: { tolerance: 0.01 } });
    expect(procedure).toMatchObject({
      points: 10,
      criticalCap: 0.5,
      order: { method: 'lcs', share: 0.25, precedence: [] },
    });
  });

  it.each([
    [
      'key not among options',
      (p: Mutable) => (p.items[0].key.best = 'z'),
      '/items/0/key/best',
      'key "z" is not among the options',
    ],
    [
      'keyed best not the most effective',
      (p: Mutable) => (p.items[0].key.best = 'c'),
      '/items/0/key/best',
      'keyed best has effectiveness 3',
    ],
    [
      'choice key not among options',
      (p: Mutable) =>
        (p.items[1].response = {
          kind: 'choice',
          key: 'e',
          options: [
            { id: 'a', text: 'A' },
            { id: 'b', text: 'B' },
          ],
        }),
      '/items/1/response/key',
      'key "e" is not among the options',
    ],
    [
      'section weights not summing to 100',
      (p: Mutable) => (p.sections[0].weight = 30),
      '/sections',
      'section weights sum to 105, not 100',
    ],
    [
      'procedure without steps',
      (p: Mutable) => (p.items[3].steps = []),
      '/items/3/steps',
      'a procedure needs at least one step',
    ],
    [
      'duplicate item ids',
      (p: Mutable) => (p.items[2].id = 'sjt-one'),
      '/items/2/id',
      'duplicate item id "sjt-one"',
    ],
    [
      'unknown section',
      (p: Mutable) => (p.items[2].section = 'writing'),
      '/items/2/section',
      'unknown section "writing"',
    ],
    [
      'bands out of order',
      (p: Mutable) => (p.bands = { strong: 60, proceed: 65, borderline: 50 }),
      '/bands/strong',
      'strong (60) must be above proceed (65)',
    ],
    [
      'unknown red flag',
      (p: Mutable) => (p.items[0].options[0].redFlagIfBest = 'ethics-nope'),
      '/items/0/options/0/redFlagIfBest',
      'unknown red flag "ethics-nope"',
    ],
    [
      'precedence on an unknown step',
      (p: Mutable) =>
        (p.items[3].order = { method: 'precedence', precedence: [['review', 'appeal']] }),
      '/items/3/order/precedence/0/1',
      'unknown step "appeal"',
    ],
    [
      'a level with min above max',
      (p: Mutable) => (p.items[2].criteria[0].levels = [{ points: 1, min: 5, max: 2 }]),
      '/items/2/criteria/0/levels/0',
      'min 5 is above max 2',
    ],
    [
      'a section without items',
      (p: Mutable) => (p.items[3].section = 'written'),
      '/sections/3',
      'section "procedure" has no items',
    ],
    [
      'an invalid id',
      (p: Mutable) => (p.items[0].id = 'Bad Id'),
      '/items/0/id',
      'must be kebab-case',
    ],
    ['a missing field', (p: Mutable) => delete p.items[1].prompt, '/items/1/prompt', ''],
  ])('reports %s with a JSON pointer', (_name, edit, path, message) => {
    const errors = errorsOf(broken(edit));
    expect(errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('reports every problem at once, structural and referential', () => {
    const errors = errorsOf(
      broken((p) => {
        p.items[0].key.worst = 'q';
        p.items[1].title = '';
        p.items[3].steps[1].id = 'review';
        p.sections[1].weight = 10;
      }),
    );
    expect(errors.map((e) => e.path)).toEqual([
      '/items/1/title',
      '/sections',
      '/items/0/key/worst',
      '/items/3/steps/1/id',
    ]);
  });

  it('reports a non-object input', () => {
    expect(errorsOf('nope')).toEqual([{ path: '', message: expect.any(String) }]);
  });

  it('escapes JSON pointer segments', () => {
    expect(pointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
  });
});

describe('playbookHash', () => {
  it('is sha256 of the canonical JSON, independent of key order', () => {
    const result = validatePlaybook(minimalPlaybook);
    if (!result.ok) throw new Error('fixture invalid');
    const reordered = Object.fromEntries(
      Object.entries(result.playbook).reverse(),
    ) as typeof result.playbook;
    expect(playbookHash(result.playbook)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(playbookHash(reordered)).toBe(playbookHash(result.playbook));
  });
});
