// The variant playbooks of medical-billing-specialist: junior, senior and billing-and-collections.
// Each validates, carries the distinctive facts of its brief (level, bands, keys), and shares
// items with the mid-level playbook by reference, never by copy.
import { describe, expect, it } from 'vitest';
import { builtinPlaybooks, findBuiltin } from '../src/builtin';
import { medicalBillingCollectionsSpecialist } from '../src/builtin/medical-billing-collections-specialist';
import { medicalBillingSpecialist } from '../src/builtin/medical-billing-specialist';
import { medicalBillingSpecialistJunior } from '../src/builtin/medical-billing-specialist-junior';
import { medicalBillingSpecialistSenior } from '../src/builtin/medical-billing-specialist-senior';
import type {
  DetailItem,
  Item,
  Playbook,
  PlaybookInput,
  ProcedureItem,
  SjtItem,
  WrittenItem,
} from '../src/format';
import { validatePlaybook } from '../src/validate';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MID = 'medical-billing-specialist';

const VARIANTS: [string, PlaybookInput][] = [
  ['medical-billing-specialist-junior', medicalBillingSpecialistJunior],
  ['medical-billing-specialist-senior', medicalBillingSpecialistSenior],
  ['medical-billing-collections-specialist', medicalBillingCollectionsSpecialist],
];

const parsed = (id: string): Playbook => {
  const playbook = findBuiltin(`${id}@1.0.0`);
  if (playbook === undefined) throw new Error(`missing built-in ${id}`);
  return playbook;
};

const itemOf =
  (playbook: Playbook) =>
  <T extends Item>(id: string): T => {
    const found = playbook.items.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`missing item ${id} in ${playbook.id}`);
    return found as T;
  };

const bySection = (playbook: Playbook, section: string) =>
  playbook.items.filter((i) => i.section === section).map((i) => i.id);

const flagged = (playbook: Playbook) =>
  playbook.items
    .flatMap((i) => {
      if (i.type === 'sjt')
        return i.options
          .filter((o) => o.redFlagIfBest)
          .map((o) => `${i.id}:${o.id}:${o.redFlagIfBest}`);
      if (i.type === 'detail' && i.response.kind === 'choice')
        return i.response.options
          .filter((o) => o.redFlag)
          .map((o) => `${i.id}:${o.id}:${o.redFlag}`);
      if (i.type === 'written')
        return i.criteria.flatMap((c) =>
          'redFlag' in c.feature && c.feature.redFlag
            ? [`${i.id}:${c.id}:${c.feature.redFlag}`]
            : [],
        );
      return [];
    })
    .sort();

describe('variant playbooks: structure', () => {
  it('findBuiltin resolves the mid-level playbook and all three variants, by id and id@version', () => {
    for (const id of [MID, ...VARIANTS.map(([id]) => id)]) {
      expect(findBuiltin(id)?.id).toBe(id);
      expect(findBuiltin(`${id}@1.0.0`)?.version).toBe('1.0.0');
    }
    expect(builtinPlaybooks.map((p) => p.id)).toEqual([MID, ...VARIANTS.map(([id]) => id)]);
  });

  it.each(VARIANTS)('%s passes the validator as authored', (id, input) => {
    const result = validatePlaybook(input);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(input).toMatchObject({ id, version: '1.0.0', function: 'finance' });
  });

  it.each(VARIANTS)('%s: section weights sum to 100 and every id is unique kebab-case', (id) => {
    const playbook = parsed(id);
    expect(playbook.sections.reduce((sum, s) => sum + s.weight, 0)).toBe(100);
    expect(playbook.combined).toEqual({ assessment: 60, interview: 40 });
    const groups: [string, string[]][] = [
      ['sections', playbook.sections.map((s) => s.id)],
      ['items', playbook.items.map((i) => i.id)],
      ['red flags', playbook.redFlags.map((f) => f.id)],
      ['interview', playbook.interview?.questions.map((q) => q.id) ?? []],
      ...playbook.items.flatMap((i): [string, string[]][] =>
        i.type === 'written'
          ? [[`${i.id} criteria`, i.criteria.map((c) => c.id)]]
          : i.type === 'procedure'
            ? [[`${i.id} steps`, i.steps.map((s) => s.id)]]
            : [],
      ),
    ];
    for (const [where, ids] of groups) {
      expect(new Set(ids).size, `${where} unique`).toBe(ids.length);
      for (const one of ids) expect(one, where).toMatch(KEBAB);
    }
  });

  it.each(VARIANTS)('%s: item ids never collide with a different item elsewhere', (id) => {
    // An id shared with another playbook must be the very same item (see "shared items").
    const playbook = parsed(id);
    for (const other of builtinPlaybooks.filter((p) => p.id !== id)) {
      for (const item of playbook.items) {
        const twin = other.items.find((i) => i.id === item.id);
        if (twin) expect(twin, `${item.id} in ${other.id}`).toEqual(item);
      }
    }
  });

  it.each(VARIANTS)(
    '%s: every red flag raised is declared, and every declared one is used',
    (id) => {
      const playbook = parsed(id);
      const raised = new Set(flagged(playbook).map((entry) => entry.split(':')[2]));
      expect([...raised].sort()).toEqual(playbook.redFlags.map((f) => f.id).sort());
    },
  );

  it.each(VARIANTS)('%s: seven interview questions, each with anchors 1, 3, 5 and probes', (id) => {
    const questions = parsed(id).interview?.questions ?? [];
    expect(questions).toHaveLength(7);
    for (const q of questions) {
      expect([q.anchors[1], q.anchors[3], q.anchors[5]].every(Boolean), q.id).toBe(true);
      expect(q.probes.length, q.id).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(VARIANTS)('%s: never repeats a term within a synonym set or step', (id) => {
    const lists = parsed(id).items.flatMap((i): [string, string[]][] => {
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

describe('variant playbooks: shared items', () => {
  const SHARED: Record<string, string[]> = {
    'medical-billing-specialist-junior': [
      'sjt-surprise-bill',
      'sjt-privacy-breach',
      'detail-invoice-total',
      'detail-account-transposition',
      'detail-date-of-service',
      'detail-code-sex-mismatch',
      'written-patient-deductible-email',
    ],
    'medical-billing-specialist-senior': [
      'sjt-upcode-pressure',
      'detail-denial-rate',
      'detail-days-in-ar',
      'written-team-npi-chat',
      'procedure-aging-ar-plan',
      'procedure-missing-preauth',
    ],
    'medical-billing-collections-specialist': [
      'sjt-cannot-pay',
      'sjt-surprise-bill',
      'detail-patient-responsibility',
      'detail-contractual-adjustment',
      'detail-days-in-ar',
      'written-patient-deductible-email',
      'procedure-aging-ar-plan',
    ],
  };
  const midItems = medicalBillingSpecialist.items;

  it.each(VARIANTS)('%s reuses the mid-level items by reference, not by copy', (id, input) => {
    const mine = input.items.filter((item) => midItems.some((m) => m.id === item.id));
    expect(mine.map((item) => item.id).sort()).toEqual([...SHARED[id]!].sort());
    for (const item of mine) expect(item, item.id).toBe(midItems.find((m) => m.id === item.id));
    // …and they parse to the same thing in both playbooks.
    const mid = parsed(MID);
    for (const sharedId of SHARED[id]!)
      expect(itemOf(parsed(id))(sharedId)).toEqual(itemOf(mid)(sharedId));
  });

  it.each(VARIANTS)(
    '%s declares the red flags of its shared items exactly as the mid-level playbook',
    (id, input) => {
      const midFlags = medicalBillingSpecialist.redFlags ?? [];
      for (const flag of input.redFlags ?? []) {
        const twin = midFlags.find((f) => f.id === flag.id);
        if (twin) expect(flag).toBe(twin);
      }
    },
  );
});

describe('medical-billing-specialist-junior 1.0.0', () => {
  const playbook = parsed('medical-billing-specialist-junior');
  const item = itemOf(playbook);

  it('is a junior playbook re-weighted toward detail and procedure, with a lower bar', () => {
    expect(playbook).toMatchObject({
      level: 'junior',
      timeLimitMinutes: 30,
      bands: { strong: 75, proceed: 55, borderline: 40 },
    });
    expect(playbook.sections.map((s) => [s.id, s.weight])).toEqual([
      ['judgment', 15],
      ['detail', 35],
      ['written', 20],
      ['procedure', 30],
    ]);
    expect(playbook.sections.find((s) => s.id === 'detail')?.hurdle).toEqual({
      min: 50,
      capBand: 'borderline',
    });
    expect(playbook.summary).toMatch(/proceed from 55/);
  });

  it('asks fewer judgment calls than the mid-level playbook and more detail checks', () => {
    const mid = parsed(MID);
    expect(bySection(playbook, 'judgment').length).toBeLessThan(bySection(mid, 'judgment').length);
    expect(bySection(playbook, 'detail').length).toBeGreaterThan(bySection(mid, 'detail').length);
    expect(bySection(playbook, 'judgment')).toEqual([
      'sjt-surprise-bill',
      'sjt-privacy-breach',
      'sjt-junior-caller-identity',
      'sjt-junior-unknown-code',
    ]);
    expect(bySection(playbook, 'written')).toEqual([
      'written-patient-deductible-email',
      'written-junior-chart-query',
      'written-junior-payment-reminder',
    ]);
    expect(bySection(playbook, 'procedure')).toEqual([
      'procedure-junior-submit-claim',
      'procedure-junior-unpaid-followup',
      'procedure-junior-patient-payment',
    ]);
  });

  it.each([
    ['detail-junior-balance-after-payment', 84.5 + 25 - 60, 49.5],
    ['detail-junior-coinsurance', 0.2 * 180, 36],
    ['detail-junior-days-outstanding', 31 - 3 + 17, 45],
  ] as const)('%s has the numeric key %d', (id, computed, key) => {
    expect(computed).toBeCloseTo(key, 10);
    expect(item<DetailItem>(id).response).toMatchObject({ kind: 'number', key, tolerance: 0.01 });
  });

  it.each([
    ['detail-junior-payment-wrong-account', 'b'],
    ['detail-junior-missing-diagnosis', 'b'],
  ] as const)('%s has the choice key %s', (id, key) => {
    expect(item<DetailItem>(id).response).toMatchObject({ kind: 'choice', key });
  });

  it.each([
    ['sjt-junior-caller-identity', 'c', 'a', [1, 2, 4, 2]],
    ['sjt-junior-unknown-code', 'b', 'd', [2, 4, 2, 1]],
  ] as const)('%s is keyed best %s / worst %s', (id, best, worst, ratings) => {
    const sjt = item<SjtItem>(id);
    expect(sjt.key).toEqual({ best, worst });
    expect(sjt.options.map((o) => o.effectiveness)).toEqual(ratings);
  });

  it('raises its red flags on the options and criteria that warrant them', () => {
    expect(flagged(playbook)).toEqual([
      'detail-code-sex-mismatch:d:ethics-falsify',
      'detail-junior-missing-diagnosis:d:ethics-unsupported-code',
      'sjt-junior-caller-identity:a:privacy-unverified-caller',
      'sjt-privacy-breach:a:ethics-privacy',
    ]);
  });

  it.each([
    [
      'procedure-junior-submit-claim',
      [
        'check-patient-info',
        '!check-codes',
        'enter-charges',
        'scrub',
        '!submit',
        'check-acceptance',
      ],
    ],
    [
      'procedure-junior-unpaid-followup',
      [
        'review-claim',
        '!check-status',
        'act-on-answer',
        '!document',
        'follow-up-date',
        'ask-for-help',
      ],
    ],
    [
      'procedure-junior-patient-payment',
      [
        '!confirm-account',
        'check-the-check',
        '!post',
        'receipt',
        'secure-for-deposit',
        'reconcile',
      ],
    ],
  ] as const)('%s has its steps in order, critical ones marked', (id, steps) => {
    expect(item<ProcedureItem>(id).steps.map((s) => `${s.critical ? '!' : ''}${s.id}`)).toEqual(
      steps,
    );
  });

  it('keeps the junior messages short and the reminder free of collection threats', () => {
    const levels = (id: string, criterion: string) =>
      item<WrittenItem>(id).criteria.find((c) => c.id === criterion);
    expect(levels('written-junior-chart-query', 'length')?.levels).toEqual([
      { points: 1, min: 1, max: 100 },
    ]);
    expect(levels('written-junior-payment-reminder', 'length')?.levels).toEqual([
      { points: 2, min: 50, max: 200 },
    ]);
    expect(levels('written-junior-payment-reminder', 'friendly-tone')?.feature).toMatchObject({
      kind: 'tone',
      blame: expect.arrayContaining(['collection agency', 'legal action', 'credit report']),
    });
  });
});

describe('medical-billing-specialist-senior 1.0.0', () => {
  const playbook = parsed('medical-billing-specialist-senior');
  const item = itemOf(playbook);

  it('is a senior playbook with a higher bar and a judgment hurdle', () => {
    expect(playbook).toMatchObject({
      level: 'senior',
      timeLimitMinutes: 40,
      bands: { strong: 85, proceed: 70, borderline: 55 },
    });
    expect(playbook.sections.map((s) => [s.id, s.weight])).toEqual([
      ['judgment', 25],
      ['detail', 20],
      ['written', 20],
      ['procedure', 35],
    ]);
    expect(playbook.sections.find((s) => s.id === 'judgment')?.hurdle).toEqual({
      min: 50,
      capBand: 'borderline',
    });
    expect(playbook.summary).toMatch(/strong from 85/);
    expect(playbook.certifications.join(' ')).toMatch(/AAPC.*AHIMA/);
  });

  it('has the items of its brief in each section', () => {
    expect(bySection(playbook, 'judgment')).toEqual([
      'sjt-upcode-pressure',
      'sjt-senior-overpayment-audit',
      'sjt-senior-staff-backlog',
      'sjt-senior-copay-waiver',
    ]);
    expect(bySection(playbook, 'detail')).toEqual([
      'detail-denial-rate',
      'detail-days-in-ar',
      'detail-senior-first-pass-rate',
      'detail-senior-net-collection-rate',
      'detail-senior-denial-trend',
    ]);
    expect(bySection(playbook, 'written')).toEqual([
      'written-senior-coaching-message',
      'written-team-npi-chat',
    ]);
    expect(bySection(playbook, 'procedure')).toEqual([
      'procedure-senior-billing-audit',
      'procedure-aging-ar-plan',
      'procedure-missing-preauth',
    ]);
  });

  it('keys net collection rate = payments ÷ (charges − contractual adjustments) = 92%', () => {
    const payments = 276_000;
    const charges = 480_000;
    const contractual = 180_000;
    const rate = (100 * payments) / (charges - contractual);
    expect(rate).toBeCloseTo(92, 10);
    const ncr = item<DetailItem>('detail-senior-net-collection-rate');
    expect(ncr.response).toMatchObject({ kind: 'number', key: 92, unit: 'percent' });
    for (const figure of ['$480,000', '$180,000', '$276,000']) expect(ncr.prompt).toContain(figure);
  });

  it('keys first-pass rate = accepted first time ÷ submitted = 88%', () => {
    expect((100 * 1100) / 1250).toBeCloseTo(88, 10);
    expect(90 + 60).toBe(1250 - 1100);
    expect(item<DetailItem>('detail-senior-first-pass-rate').response).toMatchObject({
      kind: 'number',
      key: 88,
    });
  });

  it('keys the denial-trend fix to eligibility, the reason that drives the rise', () => {
    const trend = item<DetailItem>('detail-senior-denial-trend');
    expect(trend.response).toMatchObject({ kind: 'choice', key: 'b' });
    if (trend.response.kind !== 'choice') return;
    expect(trend.response.options.find((o) => o.id === 'b')?.text).toMatch(/eligibility/);
    // The exhibit's rows add up to its totals, and CO-27 carries the growth.
    const rows = (trend.exhibit ?? '')
      .split('\n')
      .filter((line) => /^\| CO-/.test(line))
      .map((line) => line.split('|').slice(2, 5).map(Number));
    const totals = [0, 1, 2].map((m) => rows.reduce((sum, r) => sum + r[m]!, 0));
    expect(totals).toEqual([32, 39, 60]);
    expect(trend.exhibit).toContain('| **Total** | **32** | **39** | **60** |');
    const growth = rows.map((r) => r[2]! - r[0]!);
    expect(Math.max(...growth)).toBe(growth[1]);
  });

  it.each([
    ['sjt-senior-overpayment-audit', 'b', 'a', [1, 4, 2, 2]],
    ['sjt-senior-staff-backlog', 'b', 'd', [2, 4, 2, 1]],
    ['sjt-senior-copay-waiver', 'b', 'a', [1, 4, 3, 2]],
  ] as const)('%s is keyed best %s / worst %s', (id, best, worst, ratings) => {
    const sjt = item<SjtItem>(id);
    expect(sjt.key).toEqual({ best, worst });
    expect(sjt.options.map((o) => o.effectiveness)).toEqual(ratings);
  });

  it('raises its red flags on the options and criteria that warrant them', () => {
    expect(flagged(playbook)).toEqual([
      'sjt-senior-copay-waiver:a:ethics-copay-waiver',
      'sjt-senior-overpayment-audit:a:ethics-keep-overpayment',
      'sjt-upcode-pressure:a:ethics-upcoding',
      'written-team-npi-chat:no-identifiers:privacy-chat',
    ]);
  });

  it('scores the coaching message on specifics, the person, support and follow-up', () => {
    expect(item<WrittenItem>('written-senior-coaching-message').criteria.map((c) => c.id)).toEqual([
      'greeting',
      'specific-facts',
      'acknowledges-strengths',
      'asks-their-view',
      'sets-meeting',
      'offers-support',
      'follow-up',
      'accounts-fixed',
      'respectful-tone',
      'length',
    ]);
  });

  it('plans the audit from scope to re-audit, comparing with documentation and correcting errors', () => {
    expect(
      item<ProcedureItem>('procedure-senior-billing-audit').steps.map(
        (s) => `${s.critical ? '!' : ''}${s.id}`,
      ),
    ).toEqual([
      'scope',
      'sample',
      '!compare',
      'measure',
      '!correct',
      'report-and-educate',
      'fix-process',
      're-audit',
    ]);
  });
});

describe('medical-billing-collections-specialist 1.0.0', () => {
  const playbook = parsed('medical-billing-collections-specialist');
  const item = itemOf(playbook);

  it('is a mid-level finance playbook weighted toward posting, with a detail hurdle', () => {
    expect(playbook).toMatchObject({
      level: 'mid',
      function: 'finance',
      timeLimitMinutes: 30,
      bands: { strong: 80, proceed: 65, borderline: 50 },
    });
    expect(playbook.sections.map((s) => [s.id, s.weight])).toEqual([
      ['judgment', 20],
      ['detail', 30],
      ['written', 20],
      ['procedure', 30],
    ]);
    expect(playbook.sections.find((s) => s.id === 'detail')?.hurdle).toEqual({
      min: 50,
      capBand: 'borderline',
    });
  });

  it('has the items of its brief in each section', () => {
    expect(bySection(playbook, 'judgment')).toEqual([
      'sjt-cannot-pay',
      'sjt-surprise-bill',
      'sjt-collections-third-party',
      'sjt-collections-agency-dispute',
    ]);
    expect(bySection(playbook, 'detail')).toEqual([
      'detail-patient-responsibility',
      'detail-contractual-adjustment',
      'detail-collections-era-adjustment',
      'detail-collections-era-patient-balance',
      'detail-collections-overpayment-refund',
      'detail-collections-deposit-mismatch',
      'detail-days-in-ar',
    ]);
    expect(bySection(playbook, 'written')).toEqual([
      'written-patient-deductible-email',
      'written-collections-call-script',
    ]);
    expect(bySection(playbook, 'procedure')).toEqual([
      'procedure-collections-denial-appeal',
      'procedure-collections-daily-reconciliation',
      'procedure-aging-ar-plan',
    ]);
  });

  it('keys the ERA posting exactly: CO-45 write-offs and PR amounts only, the CO-16 line left open', () => {
    // Lines: [billed, paid, CO-45, PR-2, CO-16]
    const lines = [
      [210, 112, 70, 28, 0],
      [95, 48, 35, 12, 0],
      [30, 0, 0, 0, 30],
    ];
    for (const [billed, paid, co45, pr2, co16] of lines)
      expect(paid! + co45! + pr2! + co16!).toBe(billed);
    const sum = (k: number) => lines.reduce((total, line) => total + line[k]!, 0);
    expect([sum(0), sum(1)]).toEqual([335, 160]);
    expect(item<DetailItem>('detail-collections-era-adjustment').response).toMatchObject({
      kind: 'number',
      key: sum(2),
    });
    expect(sum(2)).toBe(105);
    expect(item<DetailItem>('detail-collections-era-patient-balance').response).toMatchObject({
      kind: 'number',
      key: sum(3),
    });
    expect(sum(3)).toBe(40);
    const exhibit = item<DetailItem>('detail-collections-era-adjustment').exhibit;
    expect(item<DetailItem>('detail-collections-era-patient-balance').exhibit).toBe(exhibit);
    for (const figure of [
      '$112.00',
      '$70.00',
      '$28.00',
      '$48.00',
      '$35.00',
      '$12.00',
      'CO-16 $30.00',
    ])
      expect(exhibit).toContain(figure);
  });

  it('keys the duplicate payment to a refund to the payer, flagging a move to income', () => {
    expect(160 - 92 - 45 - 23).toBe(0);
    const refund = item<DetailItem>('detail-collections-overpayment-refund');
    expect(refund.response).toMatchObject({ kind: 'choice', key: 'c' });
    expect(refund.exhibit).toContain('−$92.00 |');
  });

  it('keys the short deposit to posting the recoupment where it belongs', () => {
    expect(1804.25 - 186).toBeCloseTo(1618.25, 10);
    expect(item<DetailItem>('detail-collections-deposit-mismatch').response).toMatchObject({
      kind: 'choice',
      key: 'b',
    });
  });

  it.each([
    ['sjt-collections-third-party', 'b', 'a', [1, 4, 2, 2]],
    ['sjt-collections-agency-dispute', 'b', 'a', [1, 4, 2, 2]],
  ] as const)('%s is keyed best %s / worst %s', (id, best, worst, ratings) => {
    const sjt = item<SjtItem>(id);
    expect(sjt.key).toEqual({ best, worst });
    expect(sjt.options.map((o) => o.effectiveness)).toEqual(ratings);
  });

  it('raises its red flags on the options and criteria that warrant them', () => {
    expect(flagged(playbook)).toEqual([
      'detail-collections-overpayment-refund:d:ethics-keep-overpayment',
      'sjt-collections-third-party:a:privacy-third-party',
      'written-collections-call-script:no-threats:collections-threat',
    ]);
  });

  it('scores the call script on identity, purpose, options, documentation and no threats', () => {
    expect(item<WrittenItem>('written-collections-call-script').criteria.map((c) => c.id)).toEqual([
      'identifies-self',
      'verifies-identity',
      'states-purpose',
      'explains-balance',
      'offers-plan',
      'other-options',
      'listens',
      'documents',
      'no-threats',
      'respectful-tone',
      'length',
    ]);
  });

  it.each([
    [
      'procedure-collections-denial-appeal',
      [
        'review-denial',
        'check-claim',
        'payer-policy',
        '!gather-records',
        'physician-letter',
        '!submit-appeal',
        'track',
        'escalate',
        'document',
      ],
    ],
    [
      'procedure-collections-daily-reconciliation',
      ['gather', '!match', 'patient-payments', '!investigate', 'resolve', 'document-and-sign-off'],
    ],
  ] as const)('%s has its steps in order, critical ones marked', (id, steps) => {
    expect(item<ProcedureItem>(id).steps.map((s) => `${s.critical ? '!' : ''}${s.id}`)).toEqual(
      steps,
    );
  });
});
