import { entrySize, type LocalEventBus } from '../bus';
import type { Publish } from '../streams/outbox-relay';
import type { CostMeter } from './cost-meter';
import { ENRICHMENT_FUNCTION, recordInvocation } from './lambda-meter';

/**
 * Counts every entry the bus accepts (from the outbox relay and from schedules alike) in
 * EventBridge's billing unit, one event per 64 KB chunk. Wraps this one bus instance.
 */
export function meterBus(bus: LocalEventBus, meter: CostMeter): void {
  const putEvents = bus.putEvents.bind(bus);
  bus.putEvents = (entries) => {
    const result = putEvents(entries);
    result.Entries.forEach((outcome, i) => {
      const entry = entries[i];
      if (entry && 'EventId' in outcome) meter.eventPut(entry.Source ?? '?', entrySize(entry));
    });
    return result;
  };
}

/** The Pipe's batch size (infra/lib/outbox-relay.ts): PutEvents takes at most 10 entries. */
const PIPE_BATCH = 10;

/**
 * The relay's publish as a Pipe bills it: each batch of up to 10 outbox entries is one Pipe
 * request (per 64 KB) and one invocation of the shared enrichment function. The relay decodes
 * records itself, so the enrichment's duration is that of encoding the batch (Lambda bills at
 * least 1 ms); waiting for the bus's targets is not part of it.
 */
export function meterPipe(meter: CostMeter, publish: Publish): Publish {
  return async (entries) => {
    for (let i = 0; i < entries.length; i += PIPE_BATCH) {
      const started = performance.now();
      const bytes = Buffer.byteLength(JSON.stringify(entries.slice(i, i + PIPE_BATCH)));
      recordInvocation(meter, ENRICHMENT_FUNCTION, performance.now() - started);
      meter.pipeBatch(Math.min(PIPE_BATCH, entries.length - i), bytes);
    }
    await publish(entries);
  };
}
