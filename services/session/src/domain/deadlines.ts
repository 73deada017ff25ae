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
  const session = await store.getSession(event.tenantId, event.data.sessionId);
  if (!session || session.status !== 'in-progress') return;
  const closesAt = new Date(session.closesAt);
  const detail = createEvent(
    sessionDeadlineReached,
    { tenantId: event.tenantId, correlationId: event.correlationId, causationId: event.eventId },
    { sessionId: session.id },
    closesAt,
  );
  await timers.schedule(closesAt, detail);
}
