import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { CostMeter } from './cost-meter';

/** Which deployed function the code running now stands for (log lines are billed to it). */
const running = new AsyncLocalStorage<string>();

export function currentFunction(): string | undefined {
  return running.getStore();
}

/** Infra's label for a service's function: `<service>-HttpHandler` / `<service>-EventsHandler`. */
export function serviceFunctionName(service: string, kind: 'http' | 'events'): string {
  return `${service}-${kind === 'http' ? 'HttpHandler' : 'EventsHandler'}`;
}

/** The outbox Pipes' shared enrichment function (infra's `OutboxEnrichment`). */
export const ENRICHMENT_FUNCTION = 'outbox-relay-OutboxEnrichment';

/**
 * Wraps a handler the local stack invokes so each call counts as one invocation of the named
 * deployed function, with its duration as billed and the START/END/REPORT lines Lambda logs.
 */
export function meterLambda<A extends unknown[], R>(
  meter: CostMeter,
  name: string,
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return (...args) =>
    running.run(name, async () => {
      const started = performance.now();
      let failed = false;
      try {
        return await handler(...args);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        recordInvocation(meter, name, performance.now() - started, failed);
      }
    });
}

/** One invocation of `name` lasting `ms`, with the log lines Lambda itself writes for it. */
export function recordInvocation(meter: CostMeter, name: string, ms: number, failed = false): void {
  meter.lambdaInvocation(name, ms, failed);
  for (const line of platformLines(ms)) meter.logLine(name, Buffer.byteLength(line));
}

/** What the Lambda runtime writes around every invocation (text format, active tracing); only
 * the byte count matters, so sizes are placeholders of the same width. */
function platformLines(ms: number): string[] {
  const id = randomUUID();
  return [
    `START RequestId: ${id} Version: $LATEST\n`,
    `END RequestId: ${id}\n`,
    `REPORT RequestId: ${id}\tDuration: ${ms.toFixed(2)} ms\tBilled Duration: ${Math.ceil(ms)} ms\tMemory Size: 000 MB\tMax Memory Used: 000 MB\t\n` +
      `XRAY TraceId: 1-${'0'.repeat(8)}-${'0'.repeat(24)}\tSegmentId: ${'0'.repeat(16)}\tSampled: true\t\n`,
  ];
}
