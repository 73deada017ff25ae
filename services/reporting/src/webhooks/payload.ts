import type { EventEnvelope } from '../domain/audit';
import type { WebhookType } from './model';

/** Keys copied from an event's data: ids, totals and bands, never answers, forms or notes. */
const SMALL_FIELDS = [
  'sessionId',
  'assessmentId',
  'invitationId',
  'scorecardId',
  'interviewId',
  'revision',
  'total',
  'band',
  'score',
  'kind',
  'reason',
  'startedAt',
  'submittedAt',
  'scoredAt',
  'revisedAt',
] as const;

/**
 * The webhook body `{ type, timestamp, data }`: small, candidate-free, and linking to the full
 * report. `session.submitted` carries the pinned form with its answer keys; none of it is copied.
 */
export function webhookBody(
  type: WebhookType,
  occurredAt: string,
  data: Record<string, unknown>,
  apiBase: string,
): string {
  const small: Record<string, unknown> = {};
  for (const key of SMALL_FIELDS) if (data[key] !== undefined) small[key] = data[key];
  if (typeof data.sessionId === 'string') {
    small.links = {
      report: `${apiBase}/v1/reports/sessions/${data.sessionId}`,
      scorecard: `${apiBase}/v1/sessions/${data.sessionId}/scorecard`,
    };
  }
  return JSON.stringify({ type, timestamp: occurredAt, data: small });
}

export function eventBody(detail: EventEnvelope, apiBase: string): string {
  return webhookBody(
    detail.type as WebhookType,
    detail.occurredAt,
    (detail.data ?? {}) as Record<string, unknown>,
    apiBase,
  );
}
