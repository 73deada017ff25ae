import { beforeAll, describe, expect, it } from 'vitest';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { ERASED_TEXT, erasedFactBody } from '../src/erasure';
import { ReportingStore, type Fact } from '../src/store';

// Reporting's erasure pieces: what a fact keeps, and that an erased session takes no new facts.

let store: ReportingStore;

beforeAll(async () => {
  const { db } = await useTestTables();
  store = new ReportingStore(db);
});

const fact = (key: string, body: unknown): Fact => ({
  sessionId: 'ses_x',
  assessmentId: 'asm_x',
  key,
  eventId: `ev-${key}`,
  body,
});

describe('erased facts', () => {
  it('keep times, totals, points and ratings; lose picks, quotes, reasons and notes', () => {
    expect(
      erasedFactBody(
        fact('SUBMITTED', { reason: 'candidate', choices: { a: { choice: 'b' } }, signals: {} }),
      ),
    ).toEqual({ reason: 'candidate', choices: {}, signals: {} });
    const score = erasedFactBody(
      fact('SCORE#000001', {
        total: 70,
        review: { itemId: 'i', reason: 'she said so', from: 1, to: 0 },
        scorecard: {
          total: 70,
          items: { i: { score: 1, evidence: [{ rule: 'r', points: 1, text: 'Dear Ann' }] } },
          redFlags: [{ id: 'f', text: 'quote' }],
        },
      }),
    );
    expect(score).toEqual({
      total: 70,
      review: { itemId: 'i', reason: ERASED_TEXT, from: 1, to: 0 },
      scorecard: {
        total: 70,
        items: { i: { score: 1, evidence: [{ rule: 'r', points: 1, text: ERASED_TEXT }] } },
        redFlags: [{ id: 'f', text: ERASED_TEXT }],
      },
    });
    expect(
      erasedFactBody(
        fact('INTERVIEW#int_1', { score: 80, ratings: { q: { rating: 4, notes: 'x' } } }),
      ),
    ).toEqual({ score: 80, ratings: { q: { rating: 4, notes: ERASED_TEXT } } });
  });

  it('are refused for a session once erased', async () => {
    expect(await store.putFact('tf', fact('SUBMITTED', { choices: {} }))).toBe(true);
    await store.markSessionErased('tf', 'ses_x', 'era_1', '2026-11-24T00:00:00.000Z');
    expect(await store.sessionErasure('tf', 'ses_x')).toBe('era_1');
    expect(await store.putFact('tf', fact('SCORE#000000', { total: 1 }))).toBe(false);
    expect((await store.sessionFacts('tf', 'ses_x')).map((f) => f.key)).toEqual(['SUBMITTED']);
  });
});
