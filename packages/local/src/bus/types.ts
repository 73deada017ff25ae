/** The event shape EventBridge delivers to targets. */
export interface EventBridgeEvent<TDetail = unknown> {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: TDetail;
}

/** One entry of a PutEvents request, as the AWS SDK names its fields. */
export interface PutEventsRequestEntry {
  Source?: string;
  DetailType?: string;
  /** A JSON object, serialised. */
  Detail?: string;
  EventBusName?: string;
  Time?: Date;
  Resources?: string[];
}

export type PutEventsResultEntry =
  { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResult {
  FailedEntryCount: number;
  /** In the order of the request's entries. */
  Entries: PutEventsResultEntry[];
}

/** EventBridge's per-target retry policy (the same fields as a CDK target's). */
export interface RetryPolicy {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
}

export interface BusRule {
  name: string;
  /** A native EventBridge event pattern, e.g. an event definition's `pattern`. */
  pattern: object;
  target: (event: EventBridgeEvent) => Promise<void>;
  retryPolicy?: RetryPolicy;
}

/** An event whose delivery to one rule's target was given up on. */
export interface DeadLetter {
  /** Identifies this dead letter (for `redrive`); one event can dead-letter on several rules. */
  id: string;
  ruleName: string;
  event: EventBridgeEvent;
  errorMessage: string;
  /** Target invocations made, the first included. */
  attempts: number;
  /** ISO-8601. */
  deadLetteredAt: string;
}

export interface BusStats {
  /** Entries accepted by putEvents. */
  published: number;
  /** Entries putEvents rejected with a per-entry error. */
  rejected: number;
  /** Successful target invocations. */
  delivered: number;
  /** Target invocations that failed and were retried. */
  retried: number;
  deadLettered: number;
}

export interface BusLogEntry {
  level: 'debug' | 'warn' | 'error';
  message: string;
  eventId?: string;
  ruleName?: string;
  attempts?: number;
  error?: string;
}
