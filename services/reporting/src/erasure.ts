import {
  candidateErasureConfirmed,
  createEvent,
  type candidateErasureRequested,
  type EventDetail,
} from '@assay/events';
import { ERASED_TEXT, eraseScorecardText, type QuotingScorecard } from '@assay/scoring';
import { tombstoneOf } from './domain/audit';
import type { Fact, ReportingStore } from './store';
import { eraseWebhookDeliveries } from './webhook-erasure';
import type { WebhookStore } from './webhook-store';

export { ERASED_TEXT };

/**
 * A fact as kept after erasure: what the cohort statistics read (times, totals, points, ratings)
 * stays so counts add up; the candidate's picks, quoted spans and interview notes go.
 */
export function erasedFactBody(fact: Fact): unknown {
  const body = fact.body as Record<string, unknown>;
  if (fact.key === 'SUBMITTED') return { ...body, choices: {} };
  if (fact.key.startsWith('SCORE#')) {
    const review = body.review as Record<string, unknown> | undefined;
    return {
      ...body,
      scorecard: body.scorecard && eraseScorecardText(body.scorecard as QuotingScorecard),
      ...(review ? { review: { ...review, reason: ERASED_TEXT } } : {}),
    };
  }
  if (fact.key.startsWith('INTERVIEW#')) {
    const ratings = (body.ratings ?? {}) as Record<string, { rating: number; notes: string }>;
    return {
      ...body,
      ratings: Object.fromEntries(
        Object.entries(ratings).map(([q, r]) => [q, { ...r, notes: ERASED_TEXT }]),
      ),
    };
  }
  return body;
}

/**
 * Reporting's part of an erasure: for each session, refuse later facts, scrub its facts,
 * delete its demographics, tombstone its audit entries; scrub receivers' responses in webhook
 * deliveries. Idempotent (a redelivery finds everything erased). Returns what it changed.
 */
export async function eraseReportingData(
  store: ReportingStore,
  webhooks: WebhookStore,
  detail: EventDetail<typeof candidateErasureRequested>,
  now = new Date(),
): Promise<Record<string, number>> {
  const { tenantId } = detail;
  const { erasureId, sessionIds, invitationIds } = detail.data;
  const at = now.toISOString();
  const counts = { facts: 0, demographics: 0, auditEntries: 0, webhookDeliveries: 0 };
  for (const sessionId of sessionIds) {
    await store.markSessionErased(tenantId, sessionId, erasureId, at);
    for (const fact of await store.sessionFacts(tenantId, sessionId)) {
      if (fact.erasedAt) continue;
      await store.replaceFact(tenantId, { ...fact, body: erasedFactBody(fact), erasedAt: at });
      counts.facts += 1;
    }
    if (await store.deleteDemographics(tenantId, sessionId)) counts.demographics += 1;
    for (const stored of await store.sessionEntries(tenantId, sessionId)) {
      const tombstone = tombstoneOf(stored, erasureId);
      if (tombstone === stored.entry) continue;
      if (await store.replaceEntry(tenantId, stored.seq, stored.entry, tombstone))
        counts.auditEntries += 1;
    }
  }
  counts.webhookDeliveries = await eraseWebhookDeliveries(webhooks, tenantId, [
    ...sessionIds,
    ...invitationIds,
  ]);
  return counts;
}

/** Confirms reporting's part (after the request's own audit entry is in the chain). */
export async function confirmReportingErasure(
  store: ReportingStore,
  detail: EventDetail<typeof candidateErasureRequested>,
  counts: Record<string, number>,
  now = new Date(),
): Promise<void> {
  const { tenantId } = detail;
  const at = now.toISOString();
  await store.publish({
    def: candidateErasureConfirmed,
    detail: createEvent(
      candidateErasureConfirmed,
      { tenantId, correlationId: detail.correlationId, causationId: detail.eventId },
      { erasureId: detail.data.erasureId, service: 'reporting', erasedAt: at, counts },
      now,
    ),
  });
}
