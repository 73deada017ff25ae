import { describe, expect, it } from 'vitest';
import { combineScores, scoreInterview } from '../src';

const guide = {
  questions: [
    { id: 'upset-patient', competency: 'patient communication' },
    { id: 'adjust-code', competency: 'integrity' },
    { id: 'feedback', competency: 'coachability' },
  ],
};

describe('scoreInterview', () => {
  it('maps 1–5 ratings to 0–100 over the rated questions and lists the unrated', () => {
    const result = scoreInterview(guide, {
      'upset-patient': { rating: 5, notes: 'Listened, explained the deductible, set up a plan.' },
      'adjust-code': { rating: 3, notes: 'Would refuse but not query the provider.' },
    });
    expect(result).toEqual({
      ok: true,
      result: {
        score: 75,
        rated: 2,
        unrated: ['feedback'],
        questions: {
          'upset-patient': {
            competency: 'patient communication',
            rating: 5,
            notes: 'Listened, explained the deductible, set up a plan.',
          },
          'adjust-code': {
            competency: 'integrity',
            rating: 3,
            notes: 'Would refuse but not query the provider.',
          },
        },
      },
    });
  });

  it('requires evidence notes, ratings 1–5 and known questions', () => {
    const result = scoreInterview(guide, {
      'upset-patient': { rating: 4, notes: ' ' },
      'adjust-code': { rating: 6, notes: 'ok' },
      nope: { rating: 3, notes: 'x' },
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { question: 'upset-patient', message: 'evidence notes are required for every rating' },
        { question: 'adjust-code', message: 'rating must be an integer 1–5, got 6' },
        { question: 'nope', message: 'unknown question id' },
      ],
    });
  });

  it('combines assessment and interview by the playbook weights', () => {
    expect(combineScores(80, 50, { assessment: 60, interview: 40 })).toBe(68);
  });
});
