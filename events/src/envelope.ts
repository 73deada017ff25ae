import { monotonicFactory } from 'ulid';
import type { EventDefinition, EventDetail, EventData } from './define-event';

const nextUlid = monotonicFactory();

export interface EnvelopeContext {
  tenantId: string;
  correlationId: string;
  causationId?: string;
}

/** Builds a validated `detail` for `def`; throws a ZodError when `data` breaks the contract. */
export function createEvent<E extends EventDefinition>(
  def: E,
  ctx: EnvelopeContext,
  data: EventData<E>,
  now: Date = new Date(),
): EventDetail<E> {
  const detail = {
    eventId: nextUlid(now.getTime()),
    type: def.type,
    version: def.version,
    occurredAt: now.toISOString(),
    tenantId: ctx.tenantId,
    correlationId: ctx.correlationId,
    ...(ctx.causationId ? { causationId: ctx.causationId } : {}),
    data,
  };
  return def.detail.parse(detail) as EventDetail<E>;
}
