import {
  createEvent,
  sessionDeadlineReached,
  type EventDetail,
  type sessionStarted,
} from '@assay/events';
import type { SessionStore } from '../store';

/** Where the deadline's one-time schedule goes (EventBridge Scheduler, or the local one). */
export interface DeadlineScheduler {
  schedule(at: Date, detail: EventDetail<typeof sessionDeadlineReached>): Promise<void>;
}

/**
 * On `session.started` (delivered from the outbox, so never lost): schedule the event that
 * closes the session once its deadline and grace have passed.
 */
export async function scheduleDeadline(
  store: SessionStore,
  timers: DeadlineScheduler,
  event: EventDetail<typeof sessionStarted>,
): Promise<void> {
  // The gate holds the status and closing time: no need to read the whole session for them.
  const { sessionId } = event.data;
  const gate = await store.getGate(event.tenantId, sessionId);
  // `closing`: a submit began; the deadline still fires, to finish it should that submit stop.
  if (!gate || (gate.status !== 'in-progress' && gate.status !== 'closing')) return;
  const closesAt = new Date(gate.closesAt);
  const detail = createEvent(
    sessionDeadlineReached,
    { tenantId: event.tenantId, correlationId: event.correlationId, causationId: event.eventId },
    { sessionId },
    closesAt,
  );
  await timers.schedule(closesAt, detail);
}
