// Calibration of the medical-billing-specialist playbook through the real engine:
// graded answers must order as a billing manager would rank them, adversarial answers must not
// game the rubric, and whole answer sheets must match their committed golden scorecards.
// UPDATE_GOLDEN=1 rewrites ./sheets/*.json and ./golden/*.json after a reviewed change.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { score, validateAnswers, type Answers, type Scorecard } from '@assay/scoring';
import { describe, expect, it } from 'vitest';
import { findBuiltin } from '../../src/builtin';
import {
  agingAr,
  missingModifier,
  missingPreauth,
  newPatientCycle,
  type ProcedureCalibration,
} from './procedure-answers';
import { buildSheets, SHEET_NAMES, type SheetName } from './sheets';
import {
  deductibleEmail,
  npiChat,
  npiChatWithIdentifiers,
  providerClarification,
  type WrittenCalibration,
} from './written-answers';

const playbook = findBuiltin('medical-billing-specialist@1.0.0')!;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Score one text answer to one item, alone on the sheet. */
function itemScore(itemId: string, text: string): number {
  return score(playbook, { [itemId]: { text } }).items[itemId]!.score;
}

function scoresOf<Q extends string>(itemId: string, set: Record<Q, string>): Record<Q, number> {
  const entries = Object.entries(set) as [Q, string][];
  return Object.fromEntries(
    entries.map(([quality, text]) => [quality, itemScore(itemId, text)]),
  ) as Record<Q, number>;
}

/** Shared expectations for graded answers and the adversarial variants (soft: report them all). */
function expectGraded(
  s: Record<'excellent' | 'good' | 'mediocre' | 'poor' | 'empty' | 'stuffed' | 'negated', number>,
) {
  expect.soft(s.excellent, 'excellent > good').toBeGreaterThan(s.good);
  expect.soft(s.good, 'good > mediocre').toBeGreaterThan(s.mediocre);
  expect.soft(s.mediocre, 'mediocre > poor').toBeGreaterThan(s.poor);
  expect.soft(s.poor, 'poor > empty').toBeGreaterThan(s.empty);
  expect.soft(s.empty, 'empty = 0').toBe(0);
  expect.soft(s.stuffed, 'keyword list < 50% of excellent').toBeLessThan(0.5 * s.excellent);
  expect
    .soft(s.negated, 'negated well below its un-negated twin (good)')
    .toBeLessThan(0.75 * s.good);
}

const written: [string, WrittenCalibration][] = [
  ['written-patient-deductible-email', deductibleEmail],
  ['written-provider-clarification', providerClarification],
  ['written-team-npi-chat', npiChat],
];
const procedures: [string, ProcedureCalibration][] = [
  ['procedure-missing-modifier-denial', missingModifier],
  ['procedure-new-patient-cycle', newPatientCycle],
  ['procedure-aging-ar-plan', agingAr],
  ['procedure-missing-preauth', missingPreauth],
];

describe('calibration: written items', () => {
  it.each(written)('%s orders graded and adversarial answers', (itemId, set) => {
    const s = scoresOf(itemId, set);
    expectGraded(s);
    expect.soft(s.rude, 'rude/blaming < its polite counterpart (good)').toBeLessThan(s.good);
  });

  it('the team chat raises privacy-chat only when it carries patient identifiers', () => {
    const flagged = score(playbook, { 'written-team-npi-chat': { text: npiChatWithIdentifiers } });
    expect(flagged.redFlags.map((f) => f.id)).toEqual(['privacy-chat']);
    for (const text of Object.values(npiChat)) {
      expect(score(playbook, { 'written-team-npi-chat': { text } }).redFlags).toEqual([]);
    }
  });
});

describe('calibration: procedure items', () => {
  it.each(procedures)('%s orders graded and adversarial answers', (itemId, set) => {
    const s = scoresOf(itemId, set);
    expectGraded(s);
    expect
      .soft(s.reordered, 'right steps in the wrong order < the ordered answer (good)')
      .toBeLessThan(s.good);
  });
});

describe('calibration: whole answer sheets', () => {
  const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  const sheets = buildSheets();
  const cards = Object.fromEntries(
    SHEET_NAMES.map((name) => [name, score(playbook, sheets[name].answers as Answers)]),
  ) as Record<SheetName, Scorecard>;

  const golden = (dir: string, name: string, actual: unknown) => {
    const path = here(`./${dir}/${name}.json`);
    const json = `${JSON.stringify(actual, null, 2)}\n`;
    if (UPDATE) {
      mkdirSync(here(`./${dir}`), { recursive: true });
      writeFileSync(path, json);
    }
    expect(existsSync(path), `${path} exists (run with UPDATE_GOLDEN=1)`).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(json);
  };

  it.each(SHEET_NAMES)('%s: committed sheet is valid and matches its source answers', (name) => {
    const sheet = sheets[name];
    expect(validateAnswers(playbook, sheet.answers)).toMatchObject({ ok: true });
    golden('sheets', name, sheet);
  });

  it.each(SHEET_NAMES)('%s: scorecard matches the golden file', (name) => {
    golden('golden', `${name}.scorecard`, cards[name]);
  });

  it('orders totals strong > average > weak > blank, and ranks keyword stuffing below average', () => {
    const total = (name: SheetName) => cards[name].total;
    expect(total('strong')).toBeGreaterThan(total('average'));
    expect(total('average')).toBeGreaterThan(total('weak'));
    expect(total('weak')).toBeGreaterThan(total('blank'));
    expect(total('blank')).toBe(0);
    expect(total('keyword-stuffed')).toBeLessThan(total('average'));
    expect(cards.strong.band).toBe('strong');
    expect(cards.blank.band).toBe('not-recommended');
  });

  it('raises the ethics and privacy red flags on the unethical sheet only', () => {
    const flags = (name: SheetName) => cards[name].redFlags.map((f) => `${f.id}@${f.item}`).sort();
    expect(flags('unethical')).toEqual([
      'ethics-falsify@detail-code-sex-mismatch',
      'ethics-privacy@sjt-privacy-breach',
      'ethics-upcoding@sjt-upcode-pressure',
      'privacy-chat@written-team-npi-chat',
    ]);
    for (const name of SHEET_NAMES.filter((n) => n !== 'unethical'))
      expect(flags(name), name).toEqual([]);
  });

  it('keeps red flags beside the score: the unethical sheet still scores on its answers', () => {
    expect(cards.unethical.total).toBeGreaterThan(cards.weak.total);
  });
});
