import type { Scorecard } from '@assay/scoring';
import type { Fact } from '../store';
import { round } from './round';
import { mean } from './statistics';

export interface SubmittedBody {
  reason: string;
  startedAt: string;
  submittedAt: string;
  playbook: { id: string; version: string; hash: string };
  signals: { focusLost: number; pastes: number; pastedChars: number };
  choices: Record<string, { best?: string; worst?: string; choice?: string }>;
}

export interface ScoreBody {
  revision: number;
  kind: 'scored' | 'review' | 'rescore';
  at: string;
  scorecardId: string;
  playbook: { id: string; version: string; hash: string };
  total: number;
  band: string;
  review?: { itemId: string; from: number; to: number; reason: string; reviewer: string };
  rescore?: { fromVersion: string; toVersion: string; totalBefore: number; bandBefore: string };
  scorecard: Scorecard;
}

export interface InterviewBody {
  interviewId: string;
  interviewer: string;
  reviewer: string;
  ratings: Record<string, { rating: number; notes: string }>;
  score: number;
  weights: { assessment: number; interview: number };
  submittedAt: string;
}

/** Ratings further apart than this on one question flag the interviewers' disagreement. */
const DISAGREEMENT_SPREAD = 1;

export interface SessionReport {
  sessionId: string;
  assessmentId: string;
  status: 'awaiting-score' | 'scored';
  playbook: { id: string; version: string; hash: string } | null;
  submission: Omit<SubmittedBody, 'choices' | 'playbook'> | null;
  revision: number | null;
  total: number | null;
  band: string | null;
  bandBeforeHurdles: string | null;
  sections: Scorecard['sections'];
  items: ({ id: string } & Scorecard['items'][string])[];
  redFlags: Scorecard['redFlags'];
  reviews: {
    revision: number;
    kind: string;
    at: string;
    total: number;
    band: string;
    review?: ScoreBody['review'];
    rescore?: ScoreBody['rescore'];
  }[];
  interview: {
    interviewers: { interviewer: string; score: number; submittedAt: string }[];
    questions: Record<
      string,
      { mean: number; min: number; max: number; disagreement: boolean; notes: string[] }
    >;
    score: number;
    disagreement: boolean;
    combined: { weights: { assessment: number; interview: number }; score: number | null };
  } | null;
}

/**
 * Folds a session's facts into its report. Facts arrive in any order and any number of times
 * (each is stored once), so everything here is chosen by content: the highest scorecard revision
 * is current, each interviewer's latest ratings count.
 */
export function sessionReport(sessionId: string, facts: readonly Fact[]): SessionReport | null {
  if (facts.length === 0) return null;
  const submitted = facts.find((f) => f.key === 'SUBMITTED')?.body as SubmittedBody | undefined;
  const scores = facts
    .filter((f) => f.key.startsWith('SCORE#'))
    .map((f) => f.body as ScoreBody)
    .sort((a, b) => a.revision - b.revision);
  const current = scores.at(-1);
  const card = current?.scorecard;
  const {
    choices: _choices,
    playbook: _playbook,
    ...submission
  } = submitted ?? {
    choices: {},
    playbook: null,
  };
  return {
    sessionId,
    assessmentId: facts[0]!.assessmentId,
    status: current ? 'scored' : 'awaiting-score',
    playbook: current?.playbook ?? submitted?.playbook ?? null,
    submission: submitted ? (submission as SessionReport['submission']) : null,
    revision: current?.revision ?? null,
    total: card?.total ?? null,
    band: card?.band ?? null,
    bandBeforeHurdles: card?.bandBeforeHurdles ?? null,
    sections: card?.sections ?? {},
    items: card ? Object.entries(card.items).map(([id, item]) => ({ id, ...item })) : [],
    redFlags: card?.redFlags ?? [],
    reviews: scores.map((s) => ({
      revision: s.revision,
      kind: s.kind,
      at: s.at,
      total: s.total,
      band: s.band,
      ...(s.review ? { review: s.review } : {}),
      ...(s.rescore ? { rescore: s.rescore } : {}),
    })),
    interview: interviewSummary(
      facts.filter((f) => f.key.startsWith('INTERVIEW#')).map((f) => f.body as InterviewBody),
      card?.total ?? null,
    ),
  };
}

function interviewSummary(
  interviews: InterviewBody[],
  assessmentTotal: number | null,
): SessionReport['interview'] {
  if (interviews.length === 0) return null;
  const latest = new Map<string, InterviewBody>();
  for (const i of [...interviews].sort(byTimeThenId)) latest.set(i.interviewer, i);
  const kept = [...latest.values()];
  const questionIds = [...new Set(kept.flatMap((i) => Object.keys(i.ratings)))];
  const questions: NonNullable<SessionReport['interview']>['questions'] = {};
  const means: number[] = [];
  for (const id of questionIds) {
    const rated = kept.filter((i) => i.ratings[id]);
    const ratings = rated.map((i) => i.ratings[id]!.rating);
    const min = Math.min(...ratings);
    const max = Math.max(...ratings);
    means.push(mean(ratings));
    questions[id] = {
      mean: round(mean(ratings), 2),
      min,
      max,
      disagreement: max - min > DISAGREEMENT_SPREAD,
      notes: rated.map((i) => i.ratings[id]!.notes),
    };
  }
  const score = round(100 * mean(means.map((m) => (m - 1) / 4)), 1);
  const weights = [...interviews].sort(byTimeThenId).at(-1)!.weights;
  return {
    interviewers: kept.map((i) => ({
      interviewer: i.interviewer,
      score: i.score,
      submittedAt: i.submittedAt,
    })),
    questions,
    score,
    disagreement: Object.values(questions).some((q) => q.disagreement),
    combined: {
      weights,
      score:
        assessmentTotal === null
          ? null
          : round((assessmentTotal * weights.assessment + score * weights.interview) / 100, 1),
    },
  };
}

function byTimeThenId(a: InterviewBody, b: InterviewBody): number {
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? -1 : 1;
  return a.interviewId < b.interviewId ? -1 : a.interviewId > b.interviewId ? 1 : 0;
}
