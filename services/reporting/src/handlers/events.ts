import type {
  EventDetail,
  interviewSubmitted,
  scoreComputed,
  scoreRevised,
  sessionSubmitted,
} from '@assay/events';
import {
  candidateErasureRequested as erasureRequested,
  interviewSubmitted as interview,
  scoreComputed as computed,
  scoreRevised as revised,
  sessionSubmitted as submitted,
} from '@assay/events';
import {
  dynamoClient,
  eventHandler,
  PoisonEventError,
  type EventContext,
  type EventHandlers,
  type EventLambda,
} from '@assay/platform';
import type { EventEnvelope } from '../domain/audit';
import { appendToAudit } from '../domain/audit-log';
import { confirmReportingErasure, eraseReportingData } from '../erasure';
import { interviewFact, scoreFact, submittedFact } from '../domain/projections';
import { reportingService } from '../service';
import { ReportingStore, type Fact } from '../store';
import { webhookTypes } from '../webhooks/model';
import { webhooks, webhookStore } from '../webhooks/runtime';
import { attemptInput, isAttemptInput } from '../webhooks/retry-schedules';
import { greenhouse } from '../ats/greenhouse/runtime';

const store = new ReportingStore(dynamoClient());

/** The events the report read models are built from; every event goes to the audit chain. */
const projections: Record<string, (detail: never) => Promise<Fact> | Fact> = {
  [submitted.type]: (d: EventDetail<typeof sessionSubmitted>) => submittedFact(d),
  [computed.type]: (d: EventDetail<typeof scoreComputed>) => scoreFact(d),
  [revised.type]: (d: EventDetail<typeof scoreRevised>) => scoreFact(d),
  [interview.type]: (d: EventDetail<typeof interviewSubmitted>) => interviewFact(d),
};

const handlers: EventHandlers<typeof reportingService> = Object.fromEntries(
  reportingService.subscribes.map(({ event, handler }) => [
    handler,
    async (detail: EventEnvelope, { logger }: EventContext) => {
      const erasure =
        event.type === erasureRequested.type
          ? await eraseReportingData(store, webhookStore(), detail as never)
          : undefined;
      // An event about an erased candidate that arrives late enters the chain as a tombstone;
      // looked up beside the fact write (the bus waits for this handler).
      const sessionId = (detail.data as { sessionId?: unknown } | undefined)?.sessionId;
      const erasedBy =
        typeof sessionId === 'string'
          ? store.sessionErasure(detail.tenantId, sessionId)
          : Promise.resolve(undefined);
      const project = projections[event.type];
      const fact = (async () => {
        if (project) await store.putFact(detail.tenantId, await project(detail as never));
      })();
      await settleAll([fact, erasedBy]);
      // The audit append, the webhook fan-out and the ATS update run side by side: receivers
      // do not wait behind the tenant's chain. Each is idempotent per event id, so when one
      // fails the handler fails, the bus redelivers, and nothing done is done twice.
      await settleAll([
        (async () => {
          const appended = await appendToAudit(store, detail, await erasedBy);
          if (!appended) logger.info('event already audited', { eventId: detail.eventId });
          if (erasure) await confirmReportingErasure(store, detail as never, erasure);
        })(),
        (async () => {
          // Bodies carry ids only (webhooks/payload.ts): an erased session's late event sends
          // no personal data.
          if ((webhookTypes as readonly string[]).includes(event.type))
            await webhooks().fanOut(detail);
        })(),
        (async () => greenhouse().onEvent(detail))(),
      ]);
    },
  ]),
);

/** Waits for every task to finish, then throws the first failure (none is left running). */
async function settleAll(tasks: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(tasks)).find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

const busEvents = eventHandler(reportingService, handlers);

/**
 * Bus events, and later webhook attempts that EventBridge Scheduler (the local stack's shim
 * locally) invokes this function with directly: `{ kind: 'webhook.attempt', … }`.
 */
export const handler: EventLambda = async (event) => {
  if (!isAttemptInput(event)) return busEvents(event);
  const parsed = attemptInput.safeParse(event);
  // A malformed input cannot succeed on retry: it goes to the dead-letter queue.
  if (!parsed.success) throw new PoisonEventError(`bad webhook attempt: ${parsed.error.message}`);
  await webhooks().attemptDue(parsed.data.tenantId, parsed.data.deliveryId);
};
