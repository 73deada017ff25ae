import type {
  EventDetail,
  interviewSubmitted,
  scoreComputed,
  scoreRevised,
  sessionSubmitted,
} from '@assay/events';
import { resolveClaim } from '@assay/platform';
import type { Fact } from '../store';

/** How revisions sort as text in keys (a card is revised far fewer than a million times). */
const revisionKey = (revision: number) => `SCORE#${String(revision).padStart(6, '0')}`;

/**
 * What the reports need of a submission: when and why it ended, the integrity signals, and the
 * options picked on choice items (for distractor counts). Written answers are left behind: the
 * scorecard's evidence already quotes what earned or lost points.
 */
export async function submittedFact(event: EventDetail<typeof sessionSubmitted>): Promise<Fact> {
  const { data } = event;
  const answers =
    'submissionRef' in data
      ? (
          await resolveClaim<{ answers: Record<string, Record<string, unknown>> }>(
            event.tenantId,
            data.submissionRef,
          )
        ).answers
      : data.answers;
  const choices: Record<string, { best?: string; worst?: string; choice?: string }> = {};
  for (const [itemId, answer] of Object.entries(answers)) {
    const pick = {
      ...(typeof answer.best === 'string' ? { best: answer.best } : {}),
      ...(typeof answer.worst === 'string' ? { worst: answer.worst } : {}),
      ...(typeof answer.choice === 'string' ? { choice: answer.choice } : {}),
    };
    if (Object.keys(pick).length > 0) choices[itemId] = pick;
  }
  return {
    sessionId: data.sessionId,
    assessmentId: data.assessmentId,
    key: 'SUBMITTED',
    eventId: event.eventId,
    body: {
      reason: data.reason,
      startedAt: data.startedAt,
      submittedAt: data.submittedAt,
      playbook: data.playbook,
      signals: data.signals,
      choices,
    },
    ...(data.retainUntil ? { retainUntil: data.retainUntil } : {}),
  };
}

export async function scoreFact(
  event: EventDetail<typeof scoreComputed> | EventDetail<typeof scoreRevised>,
): Promise<Fact> {
  const { scorecardRef, ...summary } = event.data;
  const scorecard = await resolveClaim(event.tenantId, scorecardRef);
  const at = 'scoredAt' in summary ? summary.scoredAt : summary.revisedAt;
  return {
    sessionId: summary.sessionId,
    assessmentId: summary.assessmentId,
    key: revisionKey(summary.revision),
    eventId: event.eventId,
    body: { ...summary, kind: 'kind' in summary ? summary.kind : 'scored', at, scorecard },
    ...(summary.retainUntil ? { retainUntil: summary.retainUntil } : {}),
  };
}

export function interviewFact(event: EventDetail<typeof interviewSubmitted>): Fact {
  const { data } = event;
  return {
    sessionId: data.sessionId,
    assessmentId: data.assessmentId,
    key: `INTERVIEW#${data.interviewId}`,
    eventId: event.eventId,
    body: {
      interviewId: data.interviewId,
      interviewer: data.interviewer,
      reviewer: data.reviewer,
      ratings: data.ratings,
      score: data.score,
      weights: data.combined.weights,
      submittedAt: data.submittedAt,
    },
    ...(data.retainUntil ? { retainUntil: data.retainUntil } : {}),
  };
}
