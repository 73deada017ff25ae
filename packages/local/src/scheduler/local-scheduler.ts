import { randomUUID } from 'node:crypto';
import { systemClock, type SchedulerClock } from './clock';
import { InMemoryScheduleStore, type ScheduledJob, type ScheduleStore } from './schedule-store';

export type JobHandler<TPayload = unknown> = (job: ScheduledJob<TPayload>) => Promise<void>;

export interface ScheduleRequest<TPayload = unknown> {
  id: string;
  at: Date;
  kind: string;
  payload: TPayload;
}

export interface JobRetryPolicy {
  /** Runs in all, the first included; after the last failure the job is dropped and reported. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface SchedulerLogEntry {
  level: 'warn' | 'error';
  message: string;
  jobId?: string;
  kind?: string;
  attempts?: number;
  error?: string;
  nextAttemptAt?: string;
}

export interface RunDueReport {
  succeeded: string[];
  /** Failed this run and rescheduled with backoff. */
  retrying: string[];
  /** Failed for the last time and removed. */
  abandoned: string[];
}

export interface LocalSchedulerOptions {
  store?: ScheduleStore;
  clock?: SchedulerClock;
  retry?: JobRetryPolicy;
  /** How often start()'s loop looks for jobs at the latest (it also wakes at the next due time). */
  pollIntervalMs?: number;
  log?: (entry: SchedulerLogEntry) => void;
  /** Told of each schedule created or cancelled and each run (a metered stack counts them). */
  onActivity?: (activity: 'scheduled' | 'cancelled' | 'ran', kind?: string) => void;
}

export const DEFAULT_JOB_RETRY: JobRetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

/**
 * Runs delayed jobs (session time-outs, later webhook attempts) by kind. Tests drive it with a
 * ManualClock and runDue(); the local stack calls start() to run jobs as their time comes.
 * Due jobs run one at a time, earliest first.
 */
export class LocalScheduler {
  private readonly store: ScheduleStore;
  private readonly clock: SchedulerClock;
  private readonly retry: JobRetryPolicy;
  private readonly pollIntervalMs: number;
  private readonly log: (entry: SchedulerLogEntry) => void;
  private readonly onActivity: NonNullable<LocalSchedulerOptions['onActivity']>;
  private readonly handlers = new Map<string, JobHandler>();
  /** Serialises runs so no job runs twice at once. */
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: LocalSchedulerOptions = {}) {
    this.store = options.store ?? new InMemoryScheduleStore();
    this.clock = options.clock ?? systemClock;
    this.retry = options.retry ?? DEFAULT_JOB_RETRY;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.log = options.log ?? (() => {});
    this.onActivity = options.onActivity ?? (() => {});
  }

  /** Registers the handler for one kind of job; a kind has exactly one handler. */
  on<TPayload>(kind: string, handler: JobHandler<TPayload>): this {
    if (this.handlers.has(kind)) throw new Error(`A handler for "${kind}" is already registered`);
    this.handlers.set(kind, handler as JobHandler);
    return this;
  }

  /** Idempotent by id: scheduling an existing id replaces that job (and resets its attempts). */
  async schedule<TPayload>(request: ScheduleRequest<TPayload>): Promise<void> {
    if (this.closed) throw new Error('LocalScheduler is closed');
    if (!request.id || !request.kind || !Number.isFinite(request.at.getTime())) {
      throw new Error('A scheduled job needs an id, a kind and a valid date');
    }
    await this.store.put({ ...request, attempts: 0, revision: randomUUID() });
    this.onActivity('scheduled', request.kind);
  }

  /** True when a job was cancelled, false when there was none with that id. */
  async cancel(id: string): Promise<boolean> {
    const found = await this.store.delete(id);
    if (found) this.onActivity('cancelled');
    return found;
  }

  pending(): Promise<ScheduledJob[]> {
    return this.store.list();
  }

  /** Runs every job due by the clock's now; a failure is rescheduled with backoff and logged. */
  runDue(): Promise<RunDueReport> {
    const run = this.running.then(() => this.runDueNow());
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Runs due jobs in real time until close(). */
  start(): void {
    if (this.closed || this.timer) return;
    this.arm(0);
  }

  /** Stops the loop and waits for a run in progress. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async runDueNow(): Promise<RunDueReport> {
    const report: RunDueReport = { succeeded: [], retrying: [], abandoned: [] };
    for (const job of await this.store.due(this.clock.now())) {
      const outcome = await this.run(job);
      report[outcome].push(job.id);
    }
    return report;
  }

  private async run(job: ScheduledJob): Promise<keyof RunDueReport> {
    try {
      const handler = this.handlers.get(job.kind);
      if (!handler) throw new Error(`No handler registered for kind "${job.kind}"`);
      this.onActivity('ran', job.kind);
      await handler(job);
      // Conditional: a handler that rescheduled its own id keeps the new schedule.
      await this.store.delete(job.id, job.revision);
      return 'succeeded';
    } catch (error) {
      return this.onFailure(job, error instanceof Error ? error.message : String(error));
    }
  }

  private async onFailure(job: ScheduledJob, error: string): Promise<'retrying' | 'abandoned'> {
    const attempts = job.attempts + 1;
    const context = { jobId: job.id, kind: job.kind, attempts, error };
    if (attempts >= this.retry.maxAttempts) {
      await this.store.delete(job.id, job.revision);
      this.log({ level: 'error', message: 'scheduled job failed; giving up', ...context });
      return 'abandoned';
    }
    const delayMs = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempts - 1));
    const at = new Date(this.clock.now().getTime() + delayMs);
    const retried = { ...job, at, attempts, lastError: error, revision: randomUUID() };
    await this.store.put(retried, job.revision);
    this.log({
      level: 'warn',
      message: 'scheduled job failed; retrying',
      nextAttemptAt: at.toISOString(),
      ...context,
    });
    return 'retrying';
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    try {
      await this.runDue();
      const next = await this.store.nextAt();
      const untilNext = next ? next.getTime() - this.clock.now().getTime() : Infinity;
      if (!this.closed) this.arm(Math.max(0, Math.min(untilNext, this.pollIntervalMs)));
    } catch (error) {
      this.log({ level: 'error', message: `scheduler loop failed: ${String(error)}` });
      if (!this.closed) this.arm(this.pollIntervalMs);
    }
  }
}
