import { ulid } from 'ulid';
import { createEvent, interviewSubmitted, type EnvelopeContext } from '@assay/events';
import { HttpProblem } from '@assay/platform';
import type { InterviewGuide } from '@assay/playbooks';
import { combineScores, scoreInterview } from '@assay/scoring';
import type { InterviewRecord, ScoringStore } from '../store';
import { findRubric } from './rubrics';
import { round } from './round';
import { scoringProblems, writableCard } from './scorecards';

/** Ratings further apart than this on one question flag the interviewers' disagreement. */
const DISAGREEMENT_SPREAD = 1;

export interface InterviewAggregate {
  interviewers: number;
  /** 0–100 from the per-question means: 100 × mean((mean − 1) ÷ 4). */
  score: number;
  questions: Record<string, { mean: number; min: number; max: number; disagreement: boolean }>;
  disagreement: boolean;
}

/** Every interviewer's ratings, question by question, in the guide's order. */
export function aggregateInterviews(
  guide: InterviewGuide,
  interviews: readonly Pick<InterviewRecord, 'ratings'>[],
): InterviewAggregate {
  const questions: InterviewAggregate['questions'] = {};
  let sum = 0;
  let rated = 0;
  for (const q of guide.questions) {
    const ratings = interviews.flatMap((i) => (i.ratings[q.id] ? [i.ratings[q.id]!.rating] : []));
    if (ratings.length === 0) continue;
    const mean = ratings.reduce((a, b) => a + b, 0) / ratings.length;
    const min = Math.min(...ratings);
    const max = Math.max(...ratings);
    questions[q.id] = {
      mean: round(mean, 2),
      min,
      max,
      disagreement: max - min > DISAGREEMENT_SPREAD,
    };
    sum += (mean - 1) / 4;
    rated += 1;
  }
  return {
    interviewers: interviews.length,
    score: rated === 0 ? 0 : round((100 * sum) / rated, 1),
    questions,
    disagreement: Object.values(questions).some((q) => q.disagreement),
  };
}

export interface InterviewBody {
  interviewer: string;
  ratings: Record<string, { rating: number; notes: string }>;
  weights?: { assessment: number; interview: number };
}

/**
 * Records one interviewer's ratings (validated against the pinned version's guide: every
 * question rated 1–5 with evidence notes, no unknown question), then aggregates every
 * interviewer's and combines with the current assessment total into the hiring score, with the
 * request's weights or the playbook's `combined`.
 */
export async function submitInterview(
  store: ScoringStore,
  tenantId: string,
  sessionId: string,
  body: InterviewBody,
  reviewer: string,
  ctx: EnvelopeContext,
  now = new Date(),
) {
  const record = await writableCard(store, tenantId, sessionId);
  const rubric = await findRubric(store, tenantId, record.playbook.id, record.playbook.version);
  const guide = rubric?.interview;
  if (!guide) {
    throw new HttpProblem(
      409,
      'no-interview-guide',
      'No interview guide',
      `Playbook ${record.playbook.id}@${record.playbook.version} has no interview guide`,
    );
  }
  const checked = scoreInterview(guide, body.ratings);
  if (!checked.ok) {
    const first = checked.problems[0]!;
    throw scoringProblems.invalidField(
      first.question ? `body/ratings/${first.question}` : 'body/ratings',
      first.message,
    );
  }
  const unrated = checked.result.unrated[0];
  if (unrated !== undefined) {
    throw scoringProblems.invalidField(`body/ratings/${unrated}`, 'every question needs a rating');
  }
  const at = now.toISOString();
  const interview: InterviewRecord = {
    interviewId: `int_${ulid(now.getTime())}`,
    interviewer: body.interviewer,
    reviewer,
    ratings: Object.fromEntries(
      Object.entries(checked.result.questions).map(([id, q]) => [
        id,
        { rating: q.rating, notes: q.notes },
      ]),
    ),
    score: checked.result.score,
    submittedAt: at,
  };
  const others = (await store.listInterviews(tenantId, sessionId)).filter(
    (i) => i.interviewer !== body.interviewer,
  );
  const aggregate = aggregateInterviews(guide, [...others, interview]);
  const weights = body.weights ?? rubric.combined;
  const combined = {
    weights,
    assessment: record.card.total,
    interview: aggregate.score,
    score: combineScores(record.card.total, aggregate.score, weights),
  };
  const data = {
    sessionId,
    assessmentId: record.assessmentId,
    interviewId: interview.interviewId,
    interviewer: interview.interviewer,
    reviewer,
    ratings: interview.ratings,
    score: interview.score,
    aggregate,
    combined,
    submittedAt: at,
    ...(record.retainUntil ? { retainUntil: record.retainUntil } : {}),
  };
  await store.putInterview(
    tenantId,
    sessionId,
    interview,
    {
      def: interviewSubmitted,
      detail: createEvent(interviewSubmitted, ctx, data, now),
    },
    record.retainUntil,
  );
  return data;
}
