// Forms: seeded draws from item pools, and the candidate view that must never carry a key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinPlaybooks } from '../src/builtin';
import { Playbook, type PlaybookInput } from '../src/format';
import { FormDrawError, candidateView, drawForm } from '../src/forms';

/** Property names that only reviewers and the scoring engine may see. */
const FORBIDDEN = new Set([
  'key',
  'rationale',
  'effectiveness',
  'redFlag',
  'redFlagIfBest',
  'redFlags',
  'criteria',
  'feature',
  'levels',
  'concepts',
  'terms',
  'steps',
  'order',
  'criticalCap',
  'points',
  'tolerance',
  'scoring',
  'weight',
  'hurdle',
  'bands',
  'interview',
  'anchors',
  'combined',
]);

function propertyNames(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) propertyNames(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      propertyNames(v, out);
    }
  }
  return out;
}

function numbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) numbers(v, out);
  return out;
}

const poolsOf = (playbook: Playbook) =>
  new Map(
    playbook.sections.map((s) => [
      s.id,
      playbook.items.filter((i) => i.section === s.id).map((i) => i.id),
    ]),
  );

/** Sampling for any playbook: per section, either nothing (all items) or 1..pool size. */
const samplingFor = (playbook: Playbook) =>
  fc.record(
    Object.fromEntries(
      [...poolsOf(playbook)].map(([id, pool]) => [id, fc.integer({ min: 1, max: pool.length })]),
    ),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, number>>;

// ─── Synthetic playbooks whose every secret carries a marker ────────────────

const SECRET = 'zq-secret';
const NUMBER_KEY = 987654.25;
const kinds = ['sjt', 'number', 'choice', 'written', 'procedure'] as const;

function syntheticItem(kind: (typeof kinds)[number], id: string, section: string) {
  const base = {
    id,
    section,
    title: `Item ${id}`,
    prompt: `Prompt of ${id}`,
    rationale: `${SECRET} why`,
  };
  switch (kind) {
    case 'sjt':
      return {
        ...base,
        type: 'sjt' as const,
        options: [
          { id: 'a', text: 'Option a', effectiveness: 4 },
          { id: 'b', text: 'Option b', effectiveness: 1, redFlagIfBest: 'red-x' },
          { id: 'c', text: 'Option c', effectiveness: 2 },
        ],
        key: { best: 'a', worst: 'b' },
      };
    case 'number':
      return {
        ...base,
        type: 'detail' as const,
        exhibit: 'An exhibit',
        response: {
          kind: 'number' as const,
          key: NUMBER_KEY,
          tolerance: 0.5,
          unit: 'usd' as const,
        },
      };
    case 'choice':
      return {
        ...base,
        type: 'detail' as const,
        response: {
          kind: 'choice' as const,
          options: [
            { id: 'x', text: 'Choice x', redFlag: 'red-x' },
            { id: 'y', text: 'Choice y' },
          ],
          key: 'y',
        },
      };
    case 'written':
      return {
        ...base,
        type: 'written' as const,
        criteria: [
          {
            id: 'c1',
            description: `${SECRET} criterion`,
            feature: {
              kind: 'concepts' as const,
              concepts: [{ id: 'k', terms: [`${SECRET} term`] }],
            },
            levels: [{ points: 2, min: 1, label: `${SECRET} level` }],
          },
        ],
      };
    case 'procedure':
      return {
        ...base,
        type: 'procedure' as const,
        steps: [{ id: 's1', description: `${SECRET} step`, terms: [`${SECRET} step term`] }],
      };
  }
}

const syntheticPlaybook = fc
  .array(fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 6 }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((sections) => {
    const input: PlaybookInput = {
      id: 'synthetic',
      version: '1.0.0',
      title: 'Synthetic',
      level: 'mid',
      function: 'operations',
      summary: `${SECRET} summary for hiring managers`,
      timeLimitMinutes: 30,
      sections: sections.map((_, s) => ({
        id: `s${s}`,
        title: `Section ${s}`,
        weight: 100 / sections.length,
        hurdle: { min: 40 },
      })),
      redFlags: [{ id: 'red-x', severity: 'high', message: `${SECRET} flag` }],
      items: sections.flatMap((kindsOf, s) =>
        kindsOf.map((kind, i) => syntheticItem(kind, `s${s}-i${i}`, `s${s}`)),
      ),
      interview: {
        questions: [
          {
            id: 'q1',
            competency: 'integrity',
            question: `${SECRET} question`,
            anchors: { 1: `${SECRET} 1`, 3: `${SECRET} 3`, 5: `${SECRET} 5` },
          },
        ],
      },
    };
    return Playbook.parse(input);
  });

const seed = fc.string({ minLength: 1, maxLength: 40 });

describe('drawForm', () => {
  const library = fc.constantFrom(...builtinPlaybooks);

  it('is deterministic: the same playbook, sampling and seed give the same items in the same order', () => {
    fc.assert(
      fc.property(
        library.chain((p) => fc.tuple(fc.constant(p), samplingFor(p), seed)),
        ([playbook, sampling, s]) => {
          const a = drawForm(playbook, { sampling, seed: s });
          const b = drawForm(structuredClone(playbook), { sampling: { ...sampling }, seed: s });
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it('draws a subset of each pool of exactly the requested size, without repeats', () => {
    fc.assert(
      fc.property(
        fc
          .oneof(library, syntheticPlaybook)
          .chain((p) => fc.tuple(fc.constant(p), samplingFor(p), seed)),
        ([playbook, sampling, s]) => {
          const form = drawForm(playbook, { sampling, seed: s });
          expect(new Set(form.itemIds).size).toBe(form.itemIds.length);
          for (const [sectionId, pool] of poolsOf(playbook)) {
            const drawn = form.playbook.items.filter((i) => i.section === sectionId);
            expect(drawn.length).toBe(sampling[sectionId] ?? pool.length);
            expect(form.sampling[sectionId]).toBe(drawn.length);
            for (const item of drawn) expect(pool).toContain(item.id);
          }
          expect(form.playbook.items.map((i) => i.id)).toEqual(form.itemIds);
          // Everything but the items is the playbook's own scoring policy.
          expect({ ...form.playbook, items: [] }).toEqual({ ...playbook, items: [] });
        },
      ),
    );
  });

  it('does not depend on the order the pool was authored in', () => {
    fc.assert(
      fc.property(
        library.chain((p) => fc.tuple(fc.constant(p), samplingFor(p), seed)),
        ([p, sampling, s]) => {
          const reversed = { ...p, items: [...p.items].reverse() };
          const a = drawForm(p, { sampling, seed: s }).itemIds;
          const b = drawForm(reversed, { sampling, seed: s }).itemIds;
          expect([...b].sort()).toEqual([...a].sort());
        },
      ),
    );
  });

  it('gives every item of a pool a chance over many seeds', () => {
    const playbook = builtinPlaybooks[0]!;
    const [sectionId, pool] = [...poolsOf(playbook)].find(([, ids]) => ids.length > 2)!;
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      for (const id of drawForm(playbook, { sampling: { [sectionId]: 1 }, seed: `seed-${i}` })
        .itemIds)
        seen.add(id);
    }
    for (const id of pool) expect(seen).toContain(id);
  });

  it('refuses sampling it cannot draw, pointing at every problem', () => {
    const playbook = builtinPlaybooks[0]!;
    const [first, pool] = [...poolsOf(playbook)][0]!;
    const [second] = [...poolsOf(playbook)][1]!;
    const attempt = () =>
      drawForm(playbook, {
        seed: '',
        sampling: { [first]: pool.length + 1, [second]: 0, nowhere: 1 },
      });
    expect(attempt).toThrow(FormDrawError);
    try {
      attempt();
    } catch (err) {
      expect((err as FormDrawError).errors).toEqual([
        { path: '/seed', message: 'must not be empty' },
        {
          path: `/sampling/${first}`,
          message: `cannot draw ${pool.length + 1} items: section "${first}" has ${pool.length}`,
        },
        { path: `/sampling/${second}`, message: 'must be a whole number of at least 1 (got 0)' },
        { path: '/sampling/nowhere', message: 'unknown section "nowhere"' },
      ]);
    }
  });
});

describe('candidateView', () => {
  it('never carries a key, rubric, rating, red flag or scoring field, nor any keyed value', () => {
    fc.assert(
      fc.property(
        syntheticPlaybook.chain((p) => fc.tuple(fc.constant(p), samplingFor(p), seed)),
        ([playbook, sampling, s]) => {
          const view = candidateView(drawForm(playbook, { sampling, seed: s }));
          const names = [...propertyNames(view)];
          expect(names.filter((n) => FORBIDDEN.has(n))).toEqual([]);
          const text = JSON.stringify(view);
          expect(text).not.toContain(SECRET);
          expect(text).not.toContain(String(NUMBER_KEY));
        },
      ),
    );
  });

  it.each(builtinPlaybooks.map((p) => [`${p.id}@${p.version}`, p] as const))(
    '%s: shows prompts, options and limits, and none of its keys',
    (_ref, playbook) => {
      const view = candidateView(drawForm(playbook, { seed: 'library' }));
      expect(view.items.map((i) => i.id)).toEqual(playbook.items.map((i) => i.id));
      expect(view.timeLimitMinutes).toBe(playbook.timeLimitMinutes);
      expect([...propertyNames(view)].filter((n) => FORBIDDEN.has(n))).toEqual([]);
      const text = JSON.stringify(view);
      for (const item of playbook.items) {
        if (item.rationale) expect(text).not.toContain(JSON.stringify(item.rationale));
        if (item.type === 'detail' && item.response.kind === 'number')
          expect(numbers(view.items)).not.toContain(item.response.key);
      }
      for (const flag of playbook.redFlags) expect(text).not.toContain(flag.message);
      const sjt = view.items.find((i) => i.type === 'sjt');
      if (sjt?.type === 'sjt') expect(Object.keys(sjt.options[0]!).sort()).toEqual(['id', 'text']);
    },
  );
});
