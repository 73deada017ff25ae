import { deleteClaim, dynamoClient, eventHandler } from '@assay/platform';
import { eraseSessionData, recordConfirmation } from '../domain/erasure';
import { scheduleDeadline } from '../domain/deadlines';
import { recordPublishedPlaybook } from '../domain/playbooks';
import { expireSession } from '../domain/sessions';
import { sessionService } from '../service';
import { SessionStore } from '../store';
import { DeadlineTimers } from '../timers';

const store = new SessionStore(dynamoClient());
let timers: DeadlineTimers | undefined;

export const handler = eventHandler(sessionService, {
  recordPlaybook: async (detail, { logger }) => {
    if (!(await recordPublishedPlaybook(store, detail)))
      logger.info('playbook version already recorded', { eventId: detail.eventId });
  },
  // The client is made on first use: locally the stack's URL is known only once it listens.
  scheduleDeadline: (detail) => scheduleDeadline(store, (timers ??= new DeadlineTimers()), detail),
  expireSession: async (detail) => {
    await expireSession(store, detail.tenantId, detail.data.sessionId, {
      tenantId: detail.tenantId,
      correlationId: detail.correlationId,
      causationId: detail.eventId,
    });
  },
  eraseCandidate: (detail) =>
    eraseSessionData(store, detail, (tenantId, ref) => deleteClaim(tenantId, ref)),
  recordErasureConfirmation: async (detail, { logger }) => {
    const record = await recordConfirmation(store, detail);
    if (!record) logger.warn('confirmation of an unknown erasure', { eventId: detail.eventId });
  },
});
