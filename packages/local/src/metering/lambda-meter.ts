import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import {
  platformRecordsPerInvocation,
  type PlatformRecord,
} from '../../../../infra/lib/function-logging';
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
 * deployed function, with its duration as billed and the records Lambda logs around it.
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

/**
 * One invocation of `name` lasting `ms`, with the records Lambda itself logs for it under the
 * deployed logging configuration (none at system level WARN).
 */
export function recordInvocation(meter: CostMeter, name: string, ms: number, failed = false): void {
  meter.lambdaInvocation(name, ms, failed);
  const records = platformRecordsPerInvocation(meter.functionLogging);
  if (records.length === 0) return;
  const requestId = randomUUID();
  for (const record of records) {
    meter.logLine(name, Buffer.byteLength(platformRecord(record, requestId, ms)), true);
  }
}

// Placeholders of the real records' width (active tracing): only the byte count matters.
const TRACE = `Root=1-${'0'.repeat(8)}-${'0'.repeat(24)};Parent=${'0'.repeat(16)};Sampled=1`;
const TIME = new Date(0).toISOString();

function platformRecord(record: PlatformRecord, requestId: string, ms: number): string {
  const billed = Math.max(1, Math.ceil(ms));
  const tracing = { spanId: '0'.repeat(16), type: 'X-Amzn-Trace-Id', value: TRACE };
  switch (record) {
    case 'START':
      return `START RequestId: ${requestId} Version: $LATEST\n`;
    case 'END':
      return `END RequestId: ${requestId}\n`;
    case 'REPORT':
      return (
        `REPORT RequestId: ${requestId}\tDuration: ${ms.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: 000 MB\tMax Memory Used: 000 MB\t\n` +
        `XRAY TraceId: 1-${'0'.repeat(8)}-${'0'.repeat(24)}\tSegmentId: ${'0'.repeat(16)}\tSampled: true\t\n`
      );
    case 'platform.start':
      return JSON.stringify({
        time: TIME,
        type: record,
        record: { requestId, version: '$LATEST', tracing },
      });
    case 'platform.report':
      return JSON.stringify({
        time: TIME,
        type: record,
        record: {
          requestId,
          metrics: {
            durationMs: Number(ms.toFixed(3)),
            billedDurationMs: billed,
            memorySizeMB: 512,
            maxMemoryUsedMB: 100,
          },
          tracing,
          status: 'success',
        },
      });
  }
}
