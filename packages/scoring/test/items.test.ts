import { describe, expect, it } from 'vitest';
import { score, type Answers, type ItemResult } from '../src';
import { fixtureForm, strongEmail, strongProcedure } from './fixture';

const itemOf = (id: string, answer: Answers[string]): ItemResult =>
  score(fixtureForm, { [id]: answer }).items[id]!;
const ruleOf = (item: ItemResult, rule: string) => item.evidence.find((e) => e.rule === rule)!;

describe('sjt', () => {
  it('plus-minus: keyed best and worst earn 1 each', () => {
    expect(itemOf('sjt-upcode', { best: 'b', worst: 'a' })).toMatchObject({ score: 2, max: 2 });
    expect(itemOf('sjt-upcode', { best: 'c', worst: 'a' }).score).toBe(1);
    expect(itemOf('sjt-upcode', { best: 'c', worst: 'd' }).score).toBe(0);
  });

  it('plus-minus: reversals cost a point and the item floors at 0', () => {
    const reversed = itemOf('sjt-upcode', { best: 'a', worst: 'b' });
    expect(reversed.score).toBe(0);
    expect(reversed.evidence.map((e) => [e.rule, e.points])).toEqual([
      ['best', -1],
      ['worst', -1],
      ['floor', 2],
    ]);
    expect(itemOf('sjt-upcode', { best: 'b', worst: 'c' }).score).toBe(1);
    expect(itemOf('sjt-upcode', { best: 'a', worst: 'c' }).score).toBe(0);
  });

  it('distance: points follow the expert effectiveness ratings', () => {
    expect(itemOf('sjt-patient', { best: 'b', worst: 'c' }).score).toBe(2);
    // best d (3 of 4) → 2/3; worst a (2 of 4) → 2/3
    expect(itemOf('sjt-patient', { best: 'd', worst: 'a' }).score).toBe(1.33);
  });

  it('raises the declared red flag when the harmful option is picked as best, without changing the score', () => {
    const card = score(fixtureForm, { 'sjt-upcode': { best: 'a', worst: 'c' } });
    expect(card.redFlags).toEqual([
      {
        id: 'ethics-upcoding',
        item: 'sjt-upcode',
        severity: 'high',
        message: 'Chose to bill a code the documentation does not support.',
        text: 'picked a as best',
      },
    ]);
    expect(card.items['sjt-upcode']!.score).toBe(0);
  });
});

describe('detail', () => {
  it.each([['$1,000.00'], ['1000'], [' 1,000 '], [1000], [1000.005], ['$999.99']])(
    'accepts %j for 1000',
    (value) => {
      expect(itemOf('detail-total', { value }).score).toBe(1);
    },
  );

  it.each([['$1,000.02'], ['100'], ['one thousand'], [''], ['1.000,00']])('rejects %j', (value) => {
    const item = itemOf('detail-total', { value });
    expect(item.score).toBe(0);
    expect(item.evidence[0]!.met).toBe(false);
  });

  it('scores a choice and raises an option red flag', () => {
    expect(itemOf('detail-sex', { choice: 'b' }).score).toBe(1);
    const card = score(fixtureForm, { 'detail-sex': { choice: 'd' } });
    expect(card.items['detail-sex']!.score).toBe(0);
    expect(card.redFlags.map((f) => f.id)).toEqual(['ethics-falsify']);
  });
});

describe('written', () => {
  it('awards every criterion of a strong email with the matched span as evidence', () => {
    const item = itemOf('written-email', { text: strongEmail });
    expect(item).toMatchObject({ score: 10, max: 10 });
    expect(ruleOf(item, 'greeting').text).toBe('"Dear Ms. Smith"');
    expect(ruleOf(item, 'explains-deductible').text).toContain('"deductible"');
  });

  it('withholds points with a reason, naming what is missing', () => {
    const item = itemOf('written-email', {
      text: 'Hi, you should have checked your EOB. The adjudication applied the charge to your deductible and you owe it now, nothing else to say about it.',
    });
    expect(ruleOf(item, 'greeting')).toMatchObject({ met: false, measure: 1 });
    expect(ruleOf(item, 'explains-deductible')).toMatchObject({
      points: 1,
      text: '"deductible"; missing: amount',
    });
    expect(ruleOf(item, 'plain-language').text).toBe('unexplained: "EOB", "adjudication"');
    expect(ruleOf(item, 'tone')).toMatchObject({ points: 0, text: 'blame: "you should have"' });
    expect(ruleOf(item, 'closing').met).toBe(false);
  });

  it('counts jargon as explained when a plain gloss follows or precedes it', () => {
    const glossed = `Dear Jane, your EOB (explanation of benefits) shows the $250 went to your deductible. An explanation of benefits (EOB) is a statement from your plan. You can pay online or call us. Thank you.`;
    expect(ruleOf(itemOf('written-email', { text: glossed }), 'plain-language')).toMatchObject({
      met: true,
      measure: 0,
    });
  });

  it('counts a closing only where it opens one of the last sentences', () => {
    const body =
      'Dear Jane, the $250 went to your deductible and a payment plan is the best option';
    expect(ruleOf(itemOf('written-email', { text: `${body}.` }), 'closing').met).toBe(false);
    expect(
      ruleOf(itemOf('written-email', { text: `${body}.\nBest,\nAnna` }), 'closing'),
    ).toMatchObject({
      met: true,
      text: '"Best"',
    });
  });

  it('gives no credit for absences to a very short answer', () => {
    const item = itemOf('written-email', { text: 'Dear Jane, thanks.' });
    expect(ruleOf(item, 'plain-language')).toMatchObject({ points: 0 });
    expect(ruleOf(item, 'plain-language').note).toMatch(/under 20 words/);
  });

  it('flags patient identifiers in a team chat and withholds the points', () => {
    const card = score(fixtureForm, {
      'written-chat': {
        text: 'Hi team, the claim for John Doe (DOB 03/04/1980, MRN 4456789) was rejected for the old NPI. Please use 1234567893 from now on, thanks.',
      },
    });
    const item = card.items['written-chat']!;
    expect(ruleOf(item, 'no-identifiers')).toMatchObject({ points: 0, measure: 2 });
    expect(card.redFlags.map((f) => [f.id, f.item])).toEqual([['privacy-chat', 'written-chat']]);
  });

  it('detects language leading toward the higher-paying level', () => {
    const item = itemOf('written-chat', {
      text: 'Dr. Brown, the visit on 9/10 for John looks like a level 4 to me, so we can bill it higher. Would you agree? The NPI is 1234567893.',
    });
    expect(ruleOf(item, 'not-leading')).toMatchObject({
      points: 0,
      text: 'leading: "looks like a level 4", "so we can bill", "Would you agree"',
    });
  });
});

describe('procedure', () => {
  it('gives full credit to every step in order', () => {
    const item = itemOf('procedure-denial', { text: strongProcedure });
    expect(item.score).toBe(10);
    expect(ruleOf(item, 'order')).toMatchObject({ met: true, points: 2.5 });
  });

  it('gives negated steps nothing and caps the item when the negated step is critical', () => {
    const negated = strongProcedure.replace(
      'I would resubmit the corrected claim',
      'I would not resubmit the corrected claim',
    );
    const item = itemOf('procedure-denial', { text: negated });
    expect(ruleOf(item, 'step:resubmit')).toMatchObject({ met: false, points: 0 });
    expect(ruleOf(item, 'step:resubmit').text).toMatch(
      /^critical step missing \(negated: "not resubmit"\)/,
    );
    expect(ruleOf(item, 'critical-cap').text).toMatch(/missing critical step\(s\) resubmit/);
    expect(item.score).toBe(5);
  });

  it.each([
    ['never resubmit it'],
    ["don't bother to resubmit the claim"],
    ['I would appeal instead of resubmitting'],
    ['there is no point to resubmit'],
  ])('reads "%s" as negated', (sentence) => {
    expect(
      ruleOf(
        itemOf('procedure-denial', { text: `I would review the denial reason. ${sentence}.` }),
        'step:resubmit',
      ).met,
    ).toBe(false);
  });

  it('credits a step negated in another clause', () => {
    const item = itemOf('procedure-denial', {
      text: 'I would not guess the modifier, but I would resubmit the claim once fixed.',
    });
    expect(ruleOf(item, 'step:resubmit').met).toBe(true);
  });

  it('scores a bare keyword list far below a real answer', () => {
    const real = itemOf('procedure-denial', { text: strongProcedure }).score;
    const keywords = itemOf('procedure-denial', {
      text: 'denial reason, remittance, documentation, medical record, corrected claim, resubmit, follow up',
    });
    const lines = itemOf('procedure-denial', {
      text: 'Denial reason\nDocumentation\nCorrected claim\nResubmit\nFollow up',
    });
    expect(keywords.score).toBeLessThan(real / 2);
    expect(lines.score).toBeLessThan(real / 2);
    expect(ruleOf(keywords, 'step:resubmit').note).toMatch(/keyword list/);
    expect(ruleOf(lines, 'step:check-documentation').text).toBe(
      'named without an action: "Documentation"',
    );
  });

  it('rewards order: the same steps reversed lose the order points', () => {
    const reversed = strongProcedure.split('\n').reverse().join('\n');
    const item = itemOf('procedure-denial', { text: reversed });
    expect(ruleOf(item, 'order')).toMatchObject({ met: false });
    expect(item.score).toBeLessThan(10);
    expect(item.score).toBeGreaterThanOrEqual(7.5);
  });

  it('supports precedence pairs instead of a full order', () => {
    const form = structuredClone(fixtureForm);
    const procedure = form.items.find((i) => i.id === 'procedure-denial')!;
    if (procedure.type !== 'procedure') throw new Error('fixture changed');
    procedure.order = {
      method: 'precedence',
      share: 0.25,
      precedence: [['correct-claim', 'resubmit']],
    };
    const text =
      'I would follow up with the payer. I would correct the claim, and then I would resubmit it. I would review the denial.';
    const item = score(form, { 'procedure-denial': { text } }).items['procedure-denial']!;
    expect(ruleOf(item, 'order')).toMatchObject({ met: true });
  });
});
