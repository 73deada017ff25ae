// The built-in library: every playbook passes the validator, references resolve, and the
// medical-billing-specialist playbook carries exactly the ids, keys and weights of its brief.
import { describe, expect, it } from 'vitest';
import { builtinPlaybooks, findBuiltin } from '../src/builtin';
import type { DetailItem, Item, ProcedureItem, SjtItem, WrittenItem } from '../src/format';
import { validatePlaybook } from '../src/validate';

describe('built-in playbooks', () => {
  it.each(builtinPlaybooks.map((p) => [`${p.id}@${p.version}`, p] as const))(
    '%s passes the validator',
    (_ref, playbook) => {
      const result = validatePlaybook(playbook);
      expect(result.ok ? [] : result.errors).toEqual([]);
    },
  );

  it('has unique id@version pairs', () => {
    const refs = builtinPlaybooks.map((p) => `${p.id}@${p.version}`);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('resolves id to the newest version and id@version exactly', () => {
    expect(findBuiltin('medical-billing-specialist')?.version).toBe('1.0.0');
    expect(findBuiltin('medical-billing-specialist@1.0.0')?.id).toBe('medical-billing-specialist');
    expect(findBuiltin('medical-billing-specialist@9.9.9')).toBeUndefined();
    expect(findBuiltin('no-such-playbook')).toBeUndefined();
  });
});

describe('medical-billing-specialist 1.0.0', () => {
  const playbook = findBuiltin('medical-billing-specialist@1.0.0')!;
  const item = <T extends Item>(id: string): T => {
    const found = playbook.items.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`missing item ${id}`);
    return found as T;
  };

  it('has the role settings of the brief', () => {
    expect(playbook).toMatchObject({
      id: 'medical-billing-specialist',
      version: '1.0.0',
      level: 'mid',
      function: 'finance',
      timeLimitMinutes: 30,
      bands: { strong: 80, proceed: 65, borderline: 50 },
      combined: { assessment: 60, interview: 40 },
    });
    expect(playbook.sections.map((s) => [s.id, s.weight])).toEqual([
      ['judgment', 20],
      ['detail', 25],
      ['written', 25],
      ['procedure', 30],
    ]);
    expect(playbook.redFlags.map((f) => f.id).sort()).toEqual([
      'ethics-falsify',
      'ethics-privacy',
      'ethics-upcoding',
      'privacy-chat',
    ]);
  });

  it('has exactly the 21 items of the brief, each in its section', () => {
    const bySection = (section: string) =>
      playbook.items.filter((i) => i.section === section).map((i) => `${i.type}:${i.id}`);
    expect(bySection('judgment')).toEqual(
      [
        'sjt-surprise-bill',
        'sjt-upcode-pressure',
        'sjt-task-crunch',
        'sjt-colleague-errors',
        'sjt-privacy-breach',
        'sjt-cannot-pay',
      ].map((id) => `sjt:${id}`),
    );
    expect(bySection('detail')).toEqual(
      [
        'detail-invoice-total',
        'detail-account-transposition',
        'detail-code-sex-mismatch',
        'detail-date-of-service',
        'detail-patient-responsibility',
        'detail-contractual-adjustment',
        'detail-denial-rate',
        'detail-days-in-ar',
      ].map((id) => `detail:${id}`),
    );
    expect(bySection('written')).toEqual(
      [
        'written-patient-deductible-email',
        'written-provider-clarification',
        'written-team-npi-chat',
      ].map((id) => `written:${id}`),
    );
    expect(bySection('procedure')).toEqual(
      [
        'procedure-missing-modifier-denial',
        'procedure-new-patient-cycle',
        'procedure-aging-ar-plan',
        'procedure-missing-preauth',
      ].map((id) => `procedure:${id}`),
    );
  });

  it.each([
    ['sjt-surprise-bill', 'b', 'a', [1, 4, 2, 2]],
    ['sjt-upcode-pressure', 'b', 'a', [1, 4, 3, 2]],
    ['sjt-task-crunch', 'b', 'c', [2, 4, 1, 2]],
    ['sjt-colleague-errors', 'b', 'c', [2, 4, 1, 2]],
    ['sjt-privacy-breach', 'c', 'a', [1, 2, 4, 2]],
    ['sjt-cannot-pay', 'b', 'a', [1, 4, 2, 2]],
  ] as const)(
    '%s is keyed best %s / worst %s with the expert ratings',
    (id, best, worst, ratings) => {
      const sjt = item<SjtItem>(id);
      expect(sjt.key).toEqual({ best, worst });
      expect(sjt.options.map((o) => [o.id, o.effectiveness])).toEqual(
        ['a', 'b', 'c', 'd'].map((option, i) => [option, ratings[i]]),
      );
    },
  );

  it('raises ethics red flags on the options the brief names, and only there', () => {
    const flagged = playbook.items.flatMap((i) => {
      if (i.type === 'sjt')
        return i.options
          .filter((o) => o.redFlagIfBest)
          .map((o) => `${i.id}:${o.id}:${o.redFlagIfBest}`);
      if (i.type === 'detail' && i.response.kind === 'choice') {
        return i.response.options
          .filter((o) => o.redFlag)
          .map((o) => `${i.id}:${o.id}:${o.redFlag}`);
      }
      return [];
    });
    expect(flagged.sort()).toEqual([
      'detail-code-sex-mismatch:d:ethics-falsify',
      'sjt-privacy-breach:a:ethics-privacy',
      'sjt-upcode-pressure:a:ethics-upcoding',
    ]);
  });

  it.each([
    ['detail-invoice-total', 350],
    ['detail-patient-responsibility', 440],
    ['detail-contractual-adjustment', 70],
    ['detail-denial-rate', 7.5],
    ['detail-days-in-ar', 30],
  ] as const)('%s has the numeric key %d', (id, key) => {
    expect(item<DetailItem>(id).response).toMatchObject({ kind: 'number', key, tolerance: 0.01 });
  });

  it.each([
    ['detail-account-transposition', 'a'],
    ['detail-code-sex-mismatch', 'b'],
    ['detail-date-of-service', 'c'],
  ] as const)('%s has the choice key %s among options a–d', (id, key) => {
    const response = item<DetailItem>(id).response;
    expect(response.kind).toBe('choice');
    if (response.kind !== 'choice') return;
    expect(response.key).toBe(key);
    expect(response.options.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it.each([
    [
      'written-patient-deductible-email',
      [
        'greeting',
        'empathy',
        'explains-deductible',
        'next-steps',
        'invites-contact',
        'closing',
        'plain-language',
        'no-blame',
        'readability',
        'length',
      ],
    ],
    [
      'written-provider-clarification',
      [
        'greeting',
        'patient-and-date',
        'exact-question',
        'asks-clarification',
        'not-leading',
        'respectful-tone',
        'thanks',
        'length',
      ],
    ],
    [
      'written-team-npi-chat',
      [
        'states-problem',
        'states-fix',
        'asks-check',
        'gives-npi',
        'collaborative-tone',
        'no-identifiers',
        'length',
      ],
    ],
  ] as const)('%s is scored on the criteria of the brief', (id, criteria) => {
    expect(item<WrittenItem>(id).criteria.map((c) => c.id)).toEqual(criteria);
  });

  it('encodes the limits of the written items', () => {
    const levels = (id: string, criterion: string) =>
      item<WrittenItem>(id).criteria.find((c) => c.id === criterion)?.levels;
    expect(levels('written-patient-deductible-email', 'length')).toEqual([
      { points: 2, min: 60, max: 250 },
    ]);
    expect(levels('written-patient-deductible-email', 'readability')?.[0]).toMatchObject({
      max: 9,
    });
    expect(levels('written-provider-clarification', 'length')?.[0]).toMatchObject({ max: 120 });
    expect(levels('written-team-npi-chat', 'length')?.[0]).toMatchObject({ max: 100 });
    const npi = item<WrittenItem>('written-team-npi-chat');
    expect(npi.criteria.find((c) => c.id === 'gives-npi')?.feature).toMatchObject({
      kind: 'concepts',
      concepts: [{ terms: ['1234567893'] }],
    });
    expect(npi.criteria.find((c) => c.id === 'no-identifiers')?.feature).toMatchObject({
      kind: 'forbidden',
      redFlag: 'privacy-chat',
    });
  });

  it.each([
    [
      'procedure-missing-modifier-denial',
      [
        'review-denial',
        'review-documentation',
        'correct-claim',
        '!resubmit',
        'follow-up',
        'document-and-prevent',
      ],
    ],
    [
      'procedure-new-patient-cycle',
      [
        '!verify-eligibility',
        'register',
        '!code',
        'charge-entry',
        '!submit-claim',
        'review-remittance',
        '!post-payment',
        'bill-patient',
        'follow-up',
        'post-patient-payment',
      ],
    ],
    [
      'procedure-aging-ar-plan',
      [
        'prioritise',
        '!claim-status',
        'resubmit-or-appeal',
        '!contact-patients',
        'payment-plans',
        'document',
        'escalate',
      ],
    ],
    [
      'procedure-missing-preauth',
      ['notify', '!contact-insurer', 'appeal', 'patient-last', 'prevent'],
    ],
  ] as const)('%s has the steps of the brief in order, critical ones marked', (id, steps) => {
    const procedure = item<ProcedureItem>(id);
    expect(procedure.steps.map((s) => `${s.critical ? '!' : ''}${s.id}`)).toEqual(steps);
    for (const step of procedure.steps) {
      expect(step.weight).toBe(step.critical ? 3 : step.id === 'document-and-prevent' ? 1 : 2);
    }
  });

  it('has the seven interview questions, each with anchors 1, 3 and 5 and probes', () => {
    const questions = playbook.interview?.questions ?? [];
    expect(questions.map((q) => q.id)).toEqual([
      'interview-upset-patient',
      'interview-billing-error',
      'interview-billing-process',
      'interview-coding-systems',
      'interview-adjust-code',
      'interview-feedback',
      'interview-role',
    ]);
    for (const question of questions) {
      expect([question.anchors[1], question.anchors[3], question.anchors[5]].every(Boolean)).toBe(
        true,
      );
      expect(question.probes.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('never repeats a term within a synonym set or step', () => {
    const lists = playbook.items.flatMap((i): [string, string[]][] => {
      if (i.type === 'procedure') return i.steps.map((s) => [`${i.id}/${s.id}`, s.terms]);
      if (i.type !== 'written') return [];
      return i.criteria.flatMap((c) =>
        c.feature.kind === 'concepts'
          ? c.feature.concepts.map((k): [string, string[]] => [`${i.id}/${c.id}/${k.id}`, k.terms])
          : [],
      );
    });
    for (const [where, terms] of lists) {
      const seen = terms.map((t) => t.toLowerCase());
      expect(
        seen.filter((t, n) => seen.indexOf(t) !== n),
        where,
      ).toEqual([]);
    }
  });
});
