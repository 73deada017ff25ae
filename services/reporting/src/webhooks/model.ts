/** The event types an endpoint can subscribe to (CONTRACTS.md §2). */
export const webhookTypes = [
  'session.started',
  'session.submitted',
  'score.computed',
  'score.revised',
  'interview.submitted',
  'ping',
] as const;
export type WebhookType = (typeof webhookTypes)[number];

export interface Endpoint {
  endpointId: string;
  url: string;
  types: WebhookType[];
  description?: string;
  status: 'enabled' | 'disabled';
  /** Why it was disabled (a 410, or failing for 5 days): the notice the tenant reads. */
  disabledReason?: string;
  disabledAt?: string;
  /** Newest first; a rotated-out secret keeps signing until `expiresAt`. */
  secrets: { secret: string; expiresAt?: string }[];
  /** Start of the current run of failed attempts; cleared by a success. */
  failingSince?: string;
  createdAt: string;
  version: number;
}

export interface Attempt {
  at: string;
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  latencyMs: number;
  /** First 1 KB of the response body, or the network error. */
  response: string;
  replay?: boolean;
}

export interface Delivery {
  deliveryId: string;
  endpointId: string;
  /** The `webhook-id`: the event's id, the receiver's idempotency key. */
  eventId: string;
  type: WebhookType;
  body: string;
  status: 'pending' | 'succeeded' | 'dead';
  /**
   * Set when the delivery goes to an integration's URL (e.g. a Greenhouse completion PATCH)
   * rather than to an endpoint: `kind` names the resolver, `ref` its record.
   */
  target?: { kind: string; ref: string };
  /** Scheduled attempts made so far (replays not counted). */
  attempts: number;
  nextAttemptAt?: string;
  history: Attempt[];
  createdAt: string;
  version: number;
}

/** What the API shows of an endpoint: never its secrets. */
export function publicEndpoint({ secrets: _secrets, version: _v, ...rest }: Endpoint) {
  return rest;
}

export function publicDelivery({ body: _body, version: _v, target: _t, ...rest }: Delivery) {
  return rest;
}
