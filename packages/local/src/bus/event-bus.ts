import { randomUUID } from 'node:crypto';
import { isTransientDependencyError } from '@assay/platform';
import { backoffDelay, type Backoff } from './backoff';
import { readDeadLetters, writeDeadLetters } from './dead-letter-file';
import { compilePattern, type EventMatcher } from './pattern';
import { PatternError } from './pattern-errors';
import { validateEntry, validateRequest } from './put-events-validation';
import type {
  BusLogEntry,
  BusRule,
  BusStats,
  DeadLetter,
  EventBridgeEvent,
  PutEventsRequestEntry,
  PutEventsResult,
  PutEventsResultEntry,
  RetryPolicy,
} from './types';

/** The account id every local event carries. */
export const LOCAL_ACCOUNT = '000000000000';

/** Small on purpose: locally a failing target should reach the dead-letter store in moments. */
export const LOCAL_RETRY_POLICY: RetryPolicy = {
  maximumRetryAttempts: 3,
  maximumEventAgeSeconds: 3600,
};
export const LOCAL_BACKOFF: Backoff = { baseDelayMs: 50, maxDelayMs: 5_000 };

export interface LocalEventBusOptions {
  rules: readonly BusRule[];
  /** The bus entries may name in EventBusName (by name or ARN). */
  name?: string;
  region?: string;
  /** Used by rules without their own retry policy. */
  defaultRetryPolicy?: RetryPolicy;
  backoff?: Backoff;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); drives the backoff jitter. */
  random?: () => number;
  log?: (entry: BusLogEntry) => void;
  /**
   * Keep dead letters in this JSON file (written durably on every change) so they survive a
   * restart or a crash; omitted means in memory only.
   */
  deadLetterFile?: string;
}

interface Route {
  rule: BusRule;
  matches: EventMatcher;
  retryPolicy: RetryPolicy;
  /** Tail of this rule's first-attempt queue: first attempts run one at a time, in put order. */
  queue: Promise<void>;
}

interface Delivery {
  event: EventBridgeEvent;
  /** When the bus took the event (or redrove it), for maximumEventAgeSeconds. */
  receivedAt: number;
  attempts: number;
}

/**
 * An in-process EventBridge bus: PutEvents validation, pattern routing with the same native
 * patterns the AWS rules use, per-target retries with backoff, and a dead-letter store.
 */
export class LocalEventBus {
  private readonly routes: Route[];
  private readonly name: string;
  private readonly region: string;
  private readonly backoff: Backoff;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly log: (entry: BusLogEntry) => void;
  private readonly deadLetterStore = new Map<string, DeadLetter>();
  private readonly deadLetterFile?: string;
  /** Deliveries not yet settled, per event id, and who waits for them (`settled`). */
  private readonly unsettled = new Map<
    string,
    { count: number; abandoned: boolean; waiters: { resolve(): void; reject(e: Error): void }[] }
  >();
  private readonly counters: BusStats = {
    published: 0,
    rejected: 0,
    delivered: 0,
    retried: 0,
    deadLettered: 0,
  };
  private pendingDeliveries = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(options: LocalEventBusOptions) {
    this.name = options.name ?? 'default';
    this.region = options.region ?? 'us-east-1';
    this.backoff = options.backoff ?? LOCAL_BACKOFF;
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => {});
    this.routes = compileRoutes(options.rules, options.defaultRetryPolicy ?? LOCAL_RETRY_POLICY);
    this.deadLetterFile = options.deadLetterFile;
    if (this.deadLetterFile) {
      for (const letter of readDeadLetters(this.deadLetterFile))
        this.deadLetterStore.set(letter.id, letter);
    }
  }

  /**
   * Accepts entries as EventBridge's PutEvents does and returns per-entry results; matching
   * targets are invoked asynchronously. Throws PutEventsValidationError for a malformed request.
   */
  putEvents(entries: readonly PutEventsRequestEntry[]): PutEventsResult {
    if (this.closed) throw new Error('LocalEventBus is closed');
    validateRequest(entries);
    const results = entries.map((entry) => this.accept(entry));
    return {
      FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
      Entries: results,
    };
  }

  /** Resolves once every accepted event has been delivered or dead-lettered. */
  idle(): Promise<void> {
    if (this.pendingDeliveries === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Resolves once every delivery of these events (each matching rule, retries included) was
   * delivered or dead-lettered, the dead letter persisted. The outbox relay waits for this
   * before it checkpoints, so a crash re-publishes an event instead of losing it. Rejects when
   * the bus closed before a delivery could finish (`close` gives up outage retries).
   */
  settled(eventIds: readonly string[]): Promise<void> {
    const waits = eventIds.flatMap((id) => {
      const entry = this.unsettled.get(id);
      return entry
        ? [new Promise<void>((resolve, reject) => entry.waiters.push({ resolve, reject }))]
        : [];
    });
    return Promise.all(waits).then(() => undefined);
  }

  /**
   * Refuses further puts and waits for deliveries in flight (retries included) to settle;
   * deliveries failing with transient platform trouble are abandoned instead of waited out.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  deadLetters(): DeadLetter[] {
    return [...this.deadLetterStore.values()].map((letter) => structuredClone(letter));
  }

  /** Delivers a dead-lettered event to its rule's target again, with a fresh retry budget. */
  redrive(deadLetterId: string): void {
    const letter = this.deadLetterStore.get(deadLetterId);
    const route = this.routes.find((r) => r.rule.name === letter?.ruleName);
    if (!letter || !route) throw new Error(`No dead letter with id ${deadLetterId}`);
    this.deadLetterStore.delete(deadLetterId);
    this.persistDeadLetters();
    this.enqueue(route, { event: letter.event, receivedAt: this.now().getTime(), attempts: 0 });
  }

  stats(): BusStats {
    return { ...this.counters };
  }

  private accept(entry: PutEventsRequestEntry): PutEventsResultEntry {
    const validation = validateEntry(entry, this.name);
    if (!validation.ok) {
      this.counters.rejected++;
      return { ErrorCode: validation.ErrorCode, ErrorMessage: validation.ErrorMessage };
    }
    const receivedAt = this.now();
    const event: EventBridgeEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType as string,
      source: entry.Source as string,
      account: LOCAL_ACCOUNT,
      time: toEventTime(validation.time ?? receivedAt),
      region: this.region,
      resources: validation.resources,
      detail: validation.detail,
    };
    this.counters.published++;
    const matching = this.routes.filter((route) => route.matches(event));
    if (matching.length === 0) {
      this.log({ level: 'debug', message: 'no rule matched', eventId: event.id });
    }
    for (const route of matching) {
      this.enqueue(route, { event, receivedAt: receivedAt.getTime(), attempts: 0 });
    }
    return { EventId: event.id };
  }

  private enqueue(route: Route, delivery: Delivery): void {
    this.pendingDeliveries++;
    const entry = this.unsettled.get(delivery.event.id);
    if (entry) entry.count++;
    else this.unsettled.set(delivery.event.id, { count: 1, abandoned: false, waiters: [] });
    route.queue = route.queue.then(() => this.attempt(route, delivery));
  }

  /** One target invocation; never rejects, so a rule's queue keeps flowing. */
  private async attempt(route: Route, delivery: Delivery): Promise<void> {
    delivery.attempts++;
    try {
      // Each target gets its own copy, as each AWS target gets its own payload.
      await route.rule.target(structuredClone(delivery.event));
      this.counters.delivered++;
      this.settle(delivery);
    } catch (error) {
      this.onFailure(route, delivery, error);
    }
  }

  private onFailure(route: Route, delivery: Delivery, error: unknown): void {
    const errorMessage = error instanceof Error ? error.message : String(error);
    const { maximumRetryAttempts, maximumEventAgeSeconds } = route.retryPolicy;
    const delayMs = backoffDelay(delivery.attempts, this.backoff, this.random);
    const ageAtRetryMs = this.now().getTime() + delayMs - delivery.receivedAt;
    const context = {
      eventId: delivery.event.id,
      ruleName: route.rule.name,
      attempts: delivery.attempts,
    };
    // The small local retry budget is for broken events and bugs; a storage outage (DynamoDB
    // Local restarting) is waited out until the event's maximum age, as AWS's 185 retries would.
    const transient = isTransientDependencyError(error);
    if (transient && this.closed) {
      this.log({
        level: 'warn',
        message: 'bus closing; delivery abandoned (it is re-published on the next start)',
        error: errorMessage,
        ...context,
      });
      this.settle(delivery, true);
      return;
    }
    const outOfAttempts = delivery.attempts > maximumRetryAttempts && !transient;
    if (outOfAttempts || ageAtRetryMs > maximumEventAgeSeconds * 1000) {
      this.deadLetter(route, delivery, errorMessage);
      this.log({
        level: 'error',
        message: 'target failed; event dead-lettered',
        error: errorMessage,
        ...context,
      });
      this.settle(delivery);
      return;
    }
    this.counters.retried++;
    this.log({
      level: 'warn',
      message: `target failed; retrying in ${Math.round(delayMs)} ms`,
      error: errorMessage,
      ...context,
    });
    // Retries run beside the rule's queue, so one failing event does not hold back later ones.
    void this.sleep(delayMs).then(() => this.attempt(route, delivery));
  }

  private deadLetter(route: Route, delivery: Delivery, errorMessage: string): void {
    const letter: DeadLetter = {
      id: randomUUID(),
      ruleName: route.rule.name,
      event: delivery.event,
      errorMessage,
      attempts: delivery.attempts,
      deadLetteredAt: this.now().toISOString(),
    };
    this.deadLetterStore.set(letter.id, letter);
    this.counters.deadLettered++;
    this.persistDeadLetters();
  }

  private persistDeadLetters(): void {
    if (!this.deadLetterFile) return;
    try {
      writeDeadLetters(this.deadLetterFile, [...this.deadLetterStore.values()]);
    } catch (error) {
      this.log({
        level: 'error',
        message: 'could not persist the dead letters',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private settle(delivery: Delivery, abandoned = false): void {
    const entry = this.unsettled.get(delivery.event.id);
    if (entry) entry.abandoned ||= abandoned;
    if (entry && --entry.count === 0) {
      this.unsettled.delete(delivery.event.id);
      const error = new Error(`the bus closed before event ${delivery.event.id} was handled`);
      for (const w of entry.waiters) {
        if (entry.abandoned) w.reject(error);
        else w.resolve();
      }
    }
    this.pendingDeliveries--;
    if (this.pendingDeliveries > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function compileRoutes(rules: readonly BusRule[], defaultRetryPolicy: RetryPolicy): Route[] {
  const names = new Set<string>();
  return rules.map((rule) => {
    if (names.has(rule.name)) throw new Error(`Duplicate rule name "${rule.name}"`);
    names.add(rule.name);
    const retryPolicy = rule.retryPolicy ?? defaultRetryPolicy;
    assertRetryPolicy(rule.name, retryPolicy);
    return { rule, matches: compileRulePattern(rule), retryPolicy, queue: Promise.resolve() };
  });
}

/** Re-throws a pattern error with the rule's name, keeping its class, path and operator. */
function compileRulePattern(rule: BusRule): EventMatcher {
  try {
    return compilePattern(rule.pattern);
  } catch (error) {
    if (error instanceof PatternError) error.message = `Rule "${rule.name}": ${error.message}`;
    throw error;
  }
}

/** The bounds AWS puts on a target's retry policy, so a rule valid here deploys too. */
function assertRetryPolicy(ruleName: string, policy: RetryPolicy): void {
  const { maximumRetryAttempts: retries, maximumEventAgeSeconds: age } = policy;
  if (!Number.isInteger(retries) || retries < 0 || retries > 185) {
    throw new Error(`Rule "${ruleName}": maximumRetryAttempts must be an integer in 0..185`);
  }
  if (!Number.isInteger(age) || age < 60 || age > 86_400) {
    throw new Error(`Rule "${ruleName}": maximumEventAgeSeconds must be an integer in 60..86400`);
  }
}

/** EventBridge's `time`: ISO-8601 UTC without milliseconds. */
function toEventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
