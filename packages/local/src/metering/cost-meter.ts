// Counts the billable work the local stack does, in the units AWS bills it, so a benchmark can
// turn a run into a cost (packages/cli/src/bench/cost.ts). Only counters live here: prices and
// memory sizes belong to the bench and to infra.
import { FUNCTION_LOGGING, type FunctionLogging } from '../../../../infra/lib/function-logging';

/** DynamoDB capacity one operation on one table consumed, as ReturnConsumedCapacity reports it. */
export interface DynamoUsage {
  table: string;
  operation: string;
  calls: number;
  readUnits: number;
  writeUnits: number;
  /** Calls that failed (a failed conditional write still consumes write units in AWS). */
  failed: number;
}

export interface LambdaUsage {
  /** The deployed function's label (`<service>-<construct id>`, as infra names it). */
  name: string;
  invocations: number;
  /** Handler wall time, summed. */
  durationMs: number;
  /** Duration as Lambda bills it: each invocation rounded up to the next millisecond. */
  billedMs: number;
  errors: number;
}

export interface MeterSnapshot {
  dynamo: DynamoUsage[];
  /** DynamoDB Streams calls of the outbox relay (Pipes polls in AWS), by operation. */
  streams: Record<string, number>;
  lambdas: LambdaUsage[];
  api: { requests: number; billedRequests: number; byRoute: Record<string, number> };
  events: { entries: number; billedEvents: number; bySource: Record<string, number> };
  pipes: { batches: number; events: number; billedRequests: number };
  scheduler: { created: number; deleted: number; invoked: number };
  /** Log events as CloudWatch ingests them; `platformLines` of them are Lambda's own records. */
  logs: { lines: number; bytes: number; byFunction: Record<string, number>; platformLines: number };
}

const KB64 = 64 * 1024;
const KB512 = 512 * 1024;

export class CostMeter {
  /** How the deployed functions log (infra's FUNCTION_LOGGING unless a test compares another). */
  readonly functionLogging: Readonly<FunctionLogging>;
  private dynamo = new Map<string, DynamoUsage>();
  private streams = new Map<string, number>();
  private lambdas = new Map<string, LambdaUsage>();
  private api = { requests: 0, billedRequests: 0, byRoute: {} as Record<string, number> };
  private events = { entries: 0, billedEvents: 0, bySource: {} as Record<string, number> };
  private pipes = { batches: 0, events: 0, billedRequests: 0 };
  private scheduler = { created: 0, deleted: 0, invoked: 0 };
  private logs = { lines: 0, bytes: 0, byFunction: {} as Record<string, number>, platformLines: 0 };

  constructor(options: { functionLogging?: FunctionLogging } = {}) {
    this.functionLogging = options.functionLogging ?? FUNCTION_LOGGING;
  }

  /** Forgets everything counted so far (e.g. the stack's own start-up). */
  reset(): void {
    const fresh = new CostMeter();
    this.dynamo = fresh.dynamo;
    this.streams = fresh.streams;
    this.lambdas = fresh.lambdas;
    this.api = fresh.api;
    this.events = fresh.events;
    this.pipes = fresh.pipes;
    this.scheduler = fresh.scheduler;
    this.logs = fresh.logs;
  }

  dynamoCall(
    table: string,
    operation: string,
    units: { read: number; write: number },
    failed = false,
  ): void {
    const key = `${table}\u0000${operation}`;
    const usage = this.dynamo.get(key) ?? {
      table,
      operation,
      calls: 0,
      readUnits: 0,
      writeUnits: 0,
      failed: 0,
    };
    usage.calls++;
    usage.readUnits += units.read;
    usage.writeUnits += units.write;
    if (failed) usage.failed++;
    this.dynamo.set(key, usage);
  }

  streamCall(operation: string): void {
    this.streams.set(operation, (this.streams.get(operation) ?? 0) + 1);
  }

  lambdaInvocation(name: string, ms: number, failed: boolean): void {
    const usage = this.lambdas.get(name) ?? {
      name,
      invocations: 0,
      durationMs: 0,
      billedMs: 0,
      errors: 0,
    };
    usage.invocations++;
    usage.durationMs += ms;
    usage.billedMs += Math.max(1, Math.ceil(ms));
    if (failed) usage.errors++;
    this.lambdas.set(name, usage);
  }

  /** An HTTP API request; billed per request in 512 KB increments of request + response. */
  readonly apiRequest = (routeKey: string, bytes: number): void => {
    this.api.requests++;
    this.api.billedRequests += Math.max(1, Math.ceil(bytes / KB512));
    this.api.byRoute[routeKey] = (this.api.byRoute[routeKey] ?? 0) + 1;
  };

  /** An entry accepted by PutEvents; billed per 64 KB chunk. */
  eventPut(source: string, bytes: number): void {
    this.events.entries++;
    this.events.billedEvents += Math.max(1, Math.ceil(bytes / KB64));
    this.events.bySource[source] = (this.events.bySource[source] ?? 0) + 1;
  }

  /** One batch a Pipe delivers (after filtering); billed per 64 KB chunk of its payload. */
  pipeBatch(events: number, bytes: number): void {
    this.pipes.batches++;
    this.pipes.events += events;
    this.pipes.billedRequests += Math.max(1, Math.ceil(bytes / KB64));
  }

  /** A schedule created (CreateSchedule) or cancelled, or a schedule that fired (an invocation). */
  readonly scheduleActivity = (activity: 'scheduled' | 'cancelled' | 'ran'): void => {
    if (activity === 'scheduled') this.scheduler.created++;
    else if (activity === 'cancelled') this.scheduler.deleted++;
    else this.scheduler.invoked++;
  };

  /** Bytes of one log event as CloudWatch Logs ingests it (message plus 26 bytes of overhead). */
  logLine(functionName: string, messageBytes: number, platform = false): void {
    const bytes = messageBytes + 26;
    this.logs.lines++;
    if (platform) this.logs.platformLines++;
    this.logs.bytes += bytes;
    this.logs.byFunction[functionName] = (this.logs.byFunction[functionName] ?? 0) + bytes;
  }

  snapshot(): MeterSnapshot {
    return structuredClone({
      dynamo: [...this.dynamo.values()],
      streams: Object.fromEntries(this.streams),
      lambdas: [...this.lambdas.values()],
      api: this.api,
      events: this.events,
      pipes: this.pipes,
      scheduler: this.scheduler,
      logs: this.logs,
    });
  }
}
