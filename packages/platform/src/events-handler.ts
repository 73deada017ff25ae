import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import type { EventDefinition, EventDetail } from '@assay/events';
import { createLogger } from './logger';
import type { ServiceManifest } from './manifest';

export interface EventContext {
  /** The event id: the idempotency key of everything the handler writes. */
  eventId: string;
  logger: ReturnType<typeof createLogger>;
}

type HandlerNames<M extends ServiceManifest> = M['subscribes'][number]['handler'];
type EventOf<M extends ServiceManifest, H> = Extract<
  M['subscribes'][number],
  { handler: H }
>['event'];

/** One function per subscription of the manifest, typed by its event contract. */
export type EventHandlers<M extends ServiceManifest> = {
  [H in HandlerNames<M>]: (
    detail: EventDetail<EventOf<M, H> & EventDefinition>,
    ctx: EventContext,
  ) => Promise<void>;
};

export type EventLambda = (event: EventBridgeEvent<string, unknown>) => Promise<void>;

/** An event whose detail breaks its contract; retrying cannot help, so it goes to the DLQ. */
export class PoisonEventError extends Error {}

/**
 * The Lambda entry point for a service's subscriptions: finds the subscription the rule
 * delivered, parses `detail` with the contract's schema and calls the handler. Errors propagate
 * so the bus retries and finally dead-letters the event.
 */
export function eventHandler<M extends ServiceManifest>(
  manifest: M,
  handlers: EventHandlers<M>,
): EventLambda {
  const logger = createLogger(manifest.name);
  const fns = handlers as unknown as Record<
    string,
    (detail: unknown, ctx: EventContext) => Promise<void>
  >;
  const run = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const sub = manifest.subscribes.find(
      (s) => s.event.type === event['detail-type'] && s.event.source === event.source,
    );
    if (!sub)
      throw new PoisonEventError(
        `${manifest.name} has no subscription for ${event['detail-type']}`,
      );
    const parsed = sub.event.detail.safeParse(event.detail);
    if (!parsed.success) {
      throw new PoisonEventError(
        `${event['detail-type']} ${event.id} breaks its contract: ${parsed.error.message}`,
      );
    }
    const detail = parsed.data as { eventId: string; correlationId: string; tenantId: string };
    await fns[sub.handler]!(detail, { eventId: detail.eventId, logger });
    logger.info('event handled', {
      type: event['detail-type'],
      eventId: detail.eventId,
      tenantId: detail.tenantId,
      correlationId: detail.correlationId,
    });
  };
  return middy<EventBridgeEvent<string, unknown>, void>().handler(run) as unknown as EventLambda;
}
