import {
  candidateErasureConfirmed,
  createEvent,
  type candidateErasureRequested,
  type EventDetail,
} from '@assay/events';
import type { ClaimRef } from '@assay/platform';
import { ERASED_TEXT, eraseScorecardText } from '@assay/scoring';
import { StaleCardError, type CardRecord, type ScoringStore } from '../store';

export { ERASED_TEXT };
const ATTEMPTS = 5;

/** The card as kept after erasure: no answers, no quotes, no review reasons. */
export function erasedCard(record: CardRecord, at: string): CardRecord {
  const { claimRefs: _claims, ...rest } = record;
  return {
    ...rest,
    answers: {},
    engineCard: eraseScorecardText(record.engineCard),
    card: eraseScorecardText(record.card),
    overrides: Object.fromEntries(
      Object.entries(record.overrides).map(([id, o]) => [id, { ...o, reason: ERASED_TEXT }]),
    ),
    history: record.history.map((h) => (h.kind === 'review' ? { ...h, reason: ERASED_TEXT } : h)),
    erasedAt: at,
  };
}

/**
 * Erases what scoring holds for each session (card, answer copy, review reasons, interview
 * notes, full-scorecard claims, outbox residue) and confirms. Idempotent: a redelivery finds
 * the cards already erased and confirms again.
 */
export async function eraseScoringData(
  store: ScoringStore,
  detail: EventDetail<typeof candidateErasureRequested>,
  deleteClaim: (tenantId: string, ref: ClaimRef) => Promise<number>,
  now = new Date(),
): Promise<void> {
  const { tenantId } = detail;
  const at = now.toISOString();
  const counts = { scorecards: 0, interviews: 0, claims: 0, outbox: 0 };
  for (const sessionId of detail.data.sessionIds) {
    // First, so a submission still in flight can no longer create a card (putCard checks it).
    await store.markErased(tenantId, sessionId, detail.data.erasureId, at);
    for (let attempt = 0; ; attempt++) {
      const record = await store.getCard(tenantId, sessionId);
      if (!record || record.erasedAt) break;
      try {
        await store.replaceErasedCard(tenantId, erasedCard(record, at));
      } catch (err) {
        // A review landed meanwhile: erase the newer revision (its claim included).
        if (err instanceof StaleCardError && attempt < ATTEMPTS) continue;
        throw err;
      }
      counts.scorecards += 1;
      for (const ref of record.claimRefs ?? []) counts.claims += await deleteClaim(tenantId, ref);
      break;
    }
    const card = await store.getCard(tenantId, sessionId);
    for (const interview of await store.listInterviews(tenantId, sessionId)) {
      if (Object.values(interview.ratings).every((r) => r.notes === ERASED_TEXT)) continue;
      await store.putErasedInterview(
        tenantId,
        sessionId,
        {
          ...interview,
          ratings: Object.fromEntries(
            Object.entries(interview.ratings).map(([q, r]) => [q, { ...r, notes: ERASED_TEXT }]),
          ),
        },
        card?.retainUntil,
      );
      counts.interviews += 1;
    }
    counts.outbox += await store.deleteOutboxMentioning(tenantId, sessionId);
  }
  await store.publish({
    def: candidateErasureConfirmed,
    detail: createEvent(
      candidateErasureConfirmed,
      { tenantId, correlationId: detail.correlationId, causationId: detail.eventId },
      { erasureId: detail.data.erasureId, service: 'scoring', erasedAt: at, counts },
      now,
    ),
  });
}
