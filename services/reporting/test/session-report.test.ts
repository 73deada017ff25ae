import { describe, expect, it } from 'vitest';
import { score } from '@assay/scoring';
import { findBuiltin } from '@assay/playbooks';
import { reportHtml } from '../src/domain/report-html';
import { sessionReport, type InterviewBody, type ScoreBody } from '../src/domain/session-report';
import type { Fact } from '../src/store';

// Folding a session's facts into its report: order never matters, the highest revision is
// current, an interviewer's latest ratings replace theirs; the HTML escapes what people typed.

const card = score(findBuiltin('medical-billing-specialist')!, {});
const fact = (key: string, body: unknown): Fact => ({
  sessionId: 'ses_1',
  assessmentId: 'asm_1',
  key,
  eventId: key,
  body,
});
const scored = (revision: number, total: number, extra: Partial<ScoreBody> = {}) =>
  fact(`SCORE#${revision}`, {
    revision,
    kind: revision === 0 ? 'scored' : 'review',
    at: `2026-11-23T10:0${revision}:00.000Z`,
    scorecardId: 'scr_1',
    playbook: card.playbook,
    total,
    band: card.band,
    scorecard: { ...card, total },
    ...extra,
  });
const interview = (id: string, interviewer: string, rating: number, at: string) =>
  fact(`INTERVIEW#${id}`, {
    interviewId: id,
    interviewer,
    reviewer: 'k',
    ratings: { q1: { rating, notes: `${interviewer} notes` }, q2: { rating: 3, notes: 'ok' } },
    score: 0,
    weights: { assessment: 60, interview: 40 },
    submittedAt: at,
  } satisfies InterviewBody);

describe('the session report fold', () => {
  const facts = [
    scored(0, 10),
    scored(2, 30),
    scored(1, 20),
    interview('int_1', 'ann', 5, '2026-11-23T11:00:00.000Z'),
    interview('int_2', 'bob', 1, '2026-11-23T11:01:00.000Z'),
    interview('int_3', 'bob', 3, '2026-11-23T11:02:00.000Z'),
  ];

  it('is the same whatever order the facts arrive in', () => {
    const forward = sessionReport('ses_1', facts);
    expect(sessionReport('ses_1', [...facts].reverse())).toEqual(forward);
    expect(forward).toMatchObject({ revision: 2, total: 30, status: 'scored' });
    expect(forward!.reviews.map((r) => r.revision)).toEqual([0, 1, 2]);
  });

  it("counts each interviewer's latest ratings", () => {
    const iv = sessionReport('ses_1', facts)!.interview!;
    expect(iv.interviewers.map((i) => i.interviewer)).toEqual(['ann', 'bob']);
    // q1: ann 5, bob 3 (bob's 1 was replaced) → mean 4, spread 2 → disagreement
    expect(iv.questions.q1).toMatchObject({ mean: 4, min: 3, max: 5, disagreement: true });
    // (4 − 1)/4 = .75 and (3 − 1)/4 = .5 → 62.5; combined .6 · 30 + .4 · 62.5 = 43
    expect(iv.score).toBe(62.5);
    expect(iv.combined.score).toBe(43);
  });

  it('waits for a score without inventing one', () => {
    expect(
      sessionReport('ses_1', [interview('int_1', 'ann', 5, '2026-11-23T11:00:00.000Z')]),
    ).toMatchObject({
      status: 'awaiting-score',
      total: null,
      interview: { combined: { score: null } },
    });
    expect(sessionReport('ses_1', [])).toBeNull();
  });
});

describe('the report page', () => {
  it('escapes reviewers’ and interviewers’ text', () => {
    const html = reportHtml(
      sessionReport('ses_1', [
        scored(0, 10),
        scored(1, 12, {
          review: {
            itemId: 'x',
            from: 0,
            to: 1,
            reason: '<script>alert(1)</script>',
            reviewer: 'k',
          },
        }),
      ])!,
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('@media print');
  });
});
