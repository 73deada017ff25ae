import { describe, expect, it } from 'vitest';
import { contentHash, ENGINE_VERSION, LEXICON_VERSION, score, type Form } from '../src';
import { fixtureForm, fullAnswers } from './fixture';

describe('score', () => {
  it('scores a complete strong sheet at the top of every section', () => {
    const card = score(fixtureForm, fullAnswers);
    expect(card.total).toBe(100);
    expect(card.band).toBe('strong');
    expect(card.sections).toEqual({
      judgment: { score: 100, weight: 20, points: 4, max: 4 },
      detail: {
        score: 100,
        weight: 25,
        points: 2,
        max: 2,
        hurdle: { min: 50, met: true, capBand: 'borderline' },
      },
      written: { score: 100, weight: 25, points: 14, max: 14 },
      procedure: { score: 100, weight: 30, points: 10, max: 10 },
    });
    expect(card.redFlags).toEqual([]);
  });

  it('pins the playbook id, version, content hash, engine and lexicon versions', () => {
    const card = score(fixtureForm, {});
    expect(card.playbook).toEqual({
      id: 'fixture-billing',
      version: '1.2.3',
      hash: contentHash(fixtureForm),
    });
    expect(card.playbook.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(card.engine).toBe(ENGINE_VERSION);
    expect(card.lexicon).toBe(LEXICON_VERSION);
  });

  it('treats items missing from the answers as unanswered: 0 points, not an error', () => {
    const card = score(fixtureForm, {});
    expect(card.total).toBe(0);
    expect(card.band).toBe('not-recommended');
    expect(card.items['procedure-denial']).toMatchObject({
      score: 0,
      max: 10,
      answered: false,
      evidence: [{ rule: 'answered', met: false, points: 0, text: 'not answered' }],
    });
  });

  it('treats a blank text answer as unanswered', () => {
    expect(
      score(fixtureForm, { 'written-email': { text: '  \n ' } }).items['written-email']!.answered,
    ).toBe(false);
  });

  it('weights sections and assigns bands from the playbook thresholds', () => {
    // judgment 100 × 20% + written 100 × 25% + procedure 100 × 30% = 75, detail 0 fails its hurdle
    const { 'detail-total': _t, 'detail-sex': _s, ...rest } = fullAnswers;
    const card = score(fixtureForm, rest);
    expect(card.total).toBe(75);
    expect(card.bandBeforeHurdles).toBe('proceed');
    expect(card.sections.detail!.hurdle).toEqual({ min: 50, met: false, capBand: 'borderline' });
    expect(card.band).toBe('borderline');
  });

  it('rounds the total and sections to one decimal and items to two', () => {
    const card = score(fixtureForm, { 'sjt-patient': { best: 'd', worst: 'a' } });
    expect(card.items['sjt-patient']!.score).toBe(1.33);
    expect(card.sections.judgment!.score).toBe(33.3);
    expect(card.total).toBe(6.7);
  });

  it('keeps red flags beside the score', () => {
    const flagged = { ...fullAnswers, 'detail-sex': { choice: 'd' } };
    const unflagged = { ...fullAnswers, 'detail-sex': { choice: 'a' } };
    const a = score(fixtureForm, flagged);
    const b = score(fixtureForm, unflagged);
    expect(a.total).toBe(b.total);
    expect(a.redFlags.map((f) => f.id)).toEqual(['ethics-falsify']);
  });

  it('gives a re-loaded copy of the same form the same hash and result', () => {
    const copy = JSON.parse(JSON.stringify(fixtureForm)) as Form;
    expect(JSON.stringify(score(copy, fullAnswers))).toBe(
      JSON.stringify(score(fixtureForm, fullAnswers)),
    );
  });

  it('changes the hash when the rubric changes', () => {
    const changed = structuredClone(fixtureForm);
    changed.bands.strong = 85;
    expect(score(changed, {}).playbook.hash).not.toBe(score(fixtureForm, {}).playbook.hash);
  });

  it('keeps every item score within [0, max] and evidence points summing to the score', () => {
    const card = score(fixtureForm, fullAnswers);
    for (const item of Object.values(card.items)) {
      const sum = item.evidence.reduce((total, e) => total + e.points, 0);
      expect(Math.abs(sum - item.score)).toBeLessThanOrEqual(0.05);
    }
  });
});
