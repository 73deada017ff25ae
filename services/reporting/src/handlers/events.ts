import type {
  EventDetail,
  interviewSubmitted,
  scoreComputed,
  scoreRevised,
  sessionSubmitted,
} from '@assay/events';
import {
  interviewSubmitted as interview,
  scoreComputed as computed,
  scoreRevised as revised,
  sessionSubmitted as submitted,
} from '@assay/events';
import { dynamoClient, eventHandler, type EventContext, type EventHandlers } from '@assay/platform';
import type { EventEnvelope } from '../domain/audit';
import { appendToAudit } from '../domain/audit-log';
import { interviewFact, scoreFact, submittedFact } from '../domain/projections';
import { reportingService } from '../service';
import { ReportingStore, type Fact } from '../store';
import { webhookTypes } from '../webhooks/model';
import { webhooks } from '../webhooks/runtime';

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
      const project = projections[event.type];
      if (project) await store.putFact(detail.tenantId, await project(detail as never));
      const appended = await appendToAudit(store, detail);
      if (!appended) logger.info('event already audited', { eventId: detail.eventId });
      if ((webhookTypes as readonly string[]).includes(event.type)) await webhooks().fanOut(detail);
    },
  ]),
);

export const handler = eventHandler(reportingService, handlers);
