import { ulid } from 'ulid';
import { problems } from '@assay/platform';
import type { EventEnvelope } from '../domain/audit';
import type { WebhookStore } from '../webhook-store';
import type { Delivery, Endpoint, WebhookType } from './model';
import { eventBody, webhookBody } from './payload';
import type { SendResult, Sender } from './sender';
import { newSecret, signatureHeader } from './signing';
import { checkUrl, type Resolver, type WebhookMode } from './url-guard';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
/** Waits after attempt 1, 2, …: attempts go at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_DELAYS_MS = [
  5 * SECOND,
  300 * SECOND,
  1800 * SECOND,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const ROTATION_OVERLAP_MS = 24 * HOUR;
const DISABLE_AFTER_FAILING_MS = 5 * 24 * HOUR;
const HISTORY_KEPT = 30;

/** Where later attempts go: the local stack's scheduler, EventBridge Scheduler in AWS. */
export type ScheduleAttempt = (
  /** `attempt`: attempts made so far, so each booking has a name of its own. */
  job: { tenantId: string; deliveryId: string; attempt: number },
  at: Date,
) => Promise<void>;

/** How an integration's delivery is sent; undefined when its record is gone (the delivery dies). */
export interface TargetRequest {
  url: string;
  method: 'POST' | 'PATCH';
  headers: Record<string, string>;
}
export type DeliveryTarget = (
  tenantId: string,
  delivery: Delivery,
) => Promise<TargetRequest | undefined>;

export interface WebhookDeps {
  store: WebhookStore;
  send: Sender;
  resolve?: Resolver;
  mode: WebhookMode;
  schedule: ScheduleAttempt;
  now: () => Date;
  /** 0…1; jitter spreads retries of many deliveries (±10 %). */
  random?: () => number;
  apiBase: string;
  /** Resolvers of integration deliveries by `Delivery.target.kind`. */
  targets?: Record<string, DeliveryTarget>;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

export class Webhooks {
  constructor(private readonly deps: WebhookDeps) {}

  async createEndpoint(
    tenantId: string,
    input: { url: string; types: WebhookType[]; description?: string },
  ): Promise<{ endpoint: Endpoint; secret: string }> {
    await checkUrl(input.url, this.deps.mode, this.deps.resolve);
    const secret = newSecret();
    const endpoint: Endpoint = {
      endpointId: `whe_${ulid()}`,
      url: input.url,
      types: [...new Set(input.types)],
      ...(input.description ? { description: input.description } : {}),
      status: 'enabled',
      secrets: [{ secret }],
      createdAt: this.deps.now().toISOString(),
      version: 1,
    };
    await this.deps.store.putEndpoint(tenantId, endpoint);
    return { endpoint, secret };
  }

  async endpoint(tenantId: string, endpointId: string): Promise<Endpoint> {
    const endpoint = await this.deps.store.endpoint(tenantId, endpointId);
    if (!endpoint) throw problems.notFound(`Webhook endpoint ${endpointId}`);
    return endpoint;
  }

  endpoints(tenantId: string): Promise<Endpoint[]> {
    return this.deps.store.endpoints(tenantId);
  }

  async deleteEndpoint(tenantId: string, endpointId: string): Promise<void> {
    if (!(await this.deps.store.deleteEndpoint(tenantId, endpointId)))
      throw problems.notFound(`Webhook endpoint ${endpointId}`);
  }

  deliveries(tenantId: string, limit: number, cursor?: string) {
    return this.deps.store.deliveries(tenantId, limit, cursor);
  }

  /** The new secret signs at once; the old one keeps signing beside it for 24 h. */
  async rotateSecret(
    tenantId: string,
    endpointId: string,
  ): Promise<{ secret: string; previousExpiresAt: string }> {
    const endpoint = await this.endpoint(tenantId, endpointId);
    const now = this.deps.now();
    const previousExpiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString();
    const secret = newSecret();
    const kept = endpoint.secrets
      .filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now.getTime())
      .map((s) => ({ secret: s.secret, expiresAt: s.expiresAt ?? previousExpiresAt }));
    await this.deps.store.putEndpoint(
      tenantId,
      { ...endpoint, secrets: [{ secret }, ...kept], version: endpoint.version + 1 },
      endpoint.version,
    );
    return { secret, previousExpiresAt };
  }

  /** One delivery per subscribed, enabled endpoint; a redelivered event creates none again. */
  async fanOut(detail: EventEnvelope): Promise<Delivery[]> {
    const endpoints = (await this.deps.store.endpoints(detail.tenantId)).filter(
      (e) => e.status === 'enabled' && e.types.includes(detail.type as WebhookType),
    );
    const body = eventBody(detail, this.deps.apiBase);
    const out: Delivery[] = [];
    for (const endpoint of endpoints) {
      out.push(
        await this.deliver(
          detail.tenantId,
          endpoint,
          detail.eventId,
          detail.type as WebhookType,
          body,
        ),
      );
    }
    return out;
  }

  /**
   * An integration's delivery (not to an endpoint): retried, recorded and replayable like any
   * webhook. Idempotent per event and record, so a redelivered event sends nothing twice.
   */
  async deliverTo(
    tenantId: string,
    input: {
      eventId: string;
      type: WebhookType;
      target: { kind: string; ref: string };
      body: string;
    },
  ): Promise<Delivery> {
    const suffix = input.target.ref.slice(input.target.ref.indexOf('_') + 1);
    const delivery: Delivery = {
      deliveryId: `whd_${input.eventId}_${suffix}`,
      endpointId: input.target.kind,
      eventId: input.eventId,
      type: input.type,
      body: input.body,
      target: input.target,
      status: 'pending',
      attempts: 0,
      history: [],
      createdAt: this.deps.now().toISOString(),
      version: 1,
    };
    return this.create(tenantId, delivery);
  }

  /** Sends a `ping` to one endpoint (subscribed to it or not): the integrator's test. */
  async ping(tenantId: string, endpointId: string): Promise<Delivery> {
    const endpoint = await this.endpoint(tenantId, endpointId);
    const at = this.deps.now().toISOString();
    const body = webhookBody('ping', at, { endpointId }, this.deps.apiBase);
    return this.deliver(tenantId, endpoint, ulid(), 'ping', body);
  }

  /** A scheduled attempt: runs only while the delivery is still pending. */
  async attemptDue(tenantId: string, deliveryId: string): Promise<void> {
    const delivery = await this.deps.store.delivery(tenantId, deliveryId);
    if (delivery?.status === 'pending') await this.attempt(tenantId, delivery, false);
  }

  /** Sends a delivery again now, whatever its state (dead-lettered ones included). */
  async replay(tenantId: string, deliveryId: string): Promise<Delivery> {
    const delivery = await this.deps.store.delivery(tenantId, deliveryId);
    if (!delivery) throw problems.notFound(`Webhook delivery ${deliveryId}`);
    return this.attempt(tenantId, delivery, true);
  }

  private async deliver(
    tenantId: string,
    endpoint: Endpoint,
    eventId: string,
    type: WebhookType,
    body: string,
  ): Promise<Delivery> {
    const delivery: Delivery = {
      deliveryId: `whd_${eventId}_${endpoint.endpointId.slice('whe_'.length)}`,
      endpointId: endpoint.endpointId,
      eventId,
      type,
      body,
      status: 'pending',
      attempts: 0,
      history: [],
      createdAt: this.deps.now().toISOString(),
      version: 1,
    };
    return this.create(tenantId, delivery);
  }

  private async create(tenantId: string, delivery: Delivery): Promise<Delivery> {
    if (await this.deps.store.createDelivery(tenantId, delivery)) {
      return this.attempt(tenantId, delivery, false);
    }
    // Redelivered event: attempt only if the first run stopped before its first attempt.
    const existing = (await this.deps.store.delivery(tenantId, delivery.deliveryId))!;
    return existing.status === 'pending' && existing.attempts === 0
      ? this.attempt(tenantId, existing, false)
      : existing;
  }

  private async attempt(tenantId: string, delivery: Delivery, replay: boolean): Promise<Delivery> {
    const now = this.deps.now();
    let endpoint: Endpoint | undefined;
    let result: SendResult;
    if (delivery.target) {
      const resolve = this.deps.targets?.[delivery.target.kind];
      const request = resolve && (await resolve(tenantId, delivery));
      if (!request) {
        if (replay) throw problems.conflict(`The ${delivery.target.kind} record is gone`);
        return this.save(tenantId, delivery, { status: 'dead', nextAttemptAt: undefined });
      }
      result = await this.sendTo(request, delivery.body);
    } else {
      endpoint = await this.deps.store.endpoint(tenantId, delivery.endpointId);
      if (!endpoint || endpoint.status === 'disabled') {
        if (replay)
          throw problems.conflict(`Endpoint ${delivery.endpointId} is deleted or disabled`);
        return this.save(tenantId, delivery, { status: 'dead', nextAttemptAt: undefined });
      }
      result = await this.sendSigned(endpoint, delivery, now);
    }
    const ok = result.status >= 200 && result.status < 300;
    const attempts = replay ? delivery.attempts : delivery.attempts + 1;
    const history = [
      ...delivery.history,
      {
        at: now.toISOString(),
        status: result.status,
        latencyMs: result.latencyMs,
        response: result.response,
        ...(replay ? { replay } : {}),
      },
    ].slice(-HISTORY_KEPT);
    if (endpoint) await this.trackEndpoint(tenantId, endpoint, ok, result.status, now);
    if (ok)
      return this.save(tenantId, delivery, {
        status: 'succeeded',
        attempts,
        history,
        nextAttemptAt: undefined,
      });
    if (replay && delivery.status !== 'pending') return this.save(tenantId, delivery, { history });
    if (result.status === 410 || attempts >= MAX_ATTEMPTS) {
      return this.save(tenantId, delivery, {
        status: 'dead',
        attempts,
        history,
        nextAttemptAt: undefined,
      });
    }
    const at = this.nextAttemptAt(now, attempts, result.status, result.retryAfter);
    // Booked before the record says so: if booking fails nothing is saved and the caller's
    // retry (the bus, Scheduler) attempts again; a booking whose save then failed runs an
    // attempt that finds the delivery still pending, and a second booking of it is a no-op.
    await this.deps.schedule({ tenantId, deliveryId: delivery.deliveryId, attempt: attempts }, at);
    return this.save(tenantId, delivery, {
      attempts,
      history,
      nextAttemptAt: at.toISOString(),
    });
  }

  /** An integration's request: through the same URL guard (https and public only in AWS). */
  private async sendTo(request: TargetRequest, body: string): Promise<SendResult> {
    let target;
    try {
      target = await checkUrl(request.url, this.deps.mode, this.deps.resolve);
    } catch (err) {
      return { status: 0, latencyMs: 0, response: `refused: ${(err as Error).message}` };
    }
    return this.deps.send(target, request.headers, body, request.method);
  }

  private async sendSigned(endpoint: Endpoint, delivery: Delivery, now: Date) {
    let target;
    try {
      // Checked again at send: DNS may point elsewhere than at registration.
      target = await checkUrl(endpoint.url, this.deps.mode, this.deps.resolve);
    } catch (err) {
      return {
        status: 0,
        latencyMs: 0,
        response: `refused: ${(err as Error).message}`,
      };
    }
    const timestamp = Math.floor(now.getTime() / 1000);
    const secrets = endpoint.secrets
      .filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now.getTime())
      .map((s) => s.secret);
    return this.deps.send(
      target,
      {
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, delivery.eventId, timestamp, delivery.body),
      },
      delivery.body,
    );
  }

  private nextAttemptAt(now: Date, attempts: number, status: number, retryAfter?: string): Date {
    const wait = status === 429 || status === 503 ? retryAfterMs(retryAfter, now) : undefined;
    const base = wait === undefined ? RETRY_DELAYS_MS[attempts - 1]! : Math.min(wait, 10 * HOUR);
    // Jitter only pushes later, so a Retry-After is never undercut.
    const jitter = Math.round(base * 0.1 * (this.deps.random ?? Math.random)());
    // Whole seconds, rounded up: schedules (`at(…)`) have no finer grain, and the recorded time
    // is then the one the attempt really runs at.
    return new Date(Math.ceil((now.getTime() + base + jitter) / 1000) * 1000);
  }

  /** A 410, or failing for 5 days, disables the endpoint with a reason the tenant reads. */
  private async trackEndpoint(
    tenantId: string,
    endpoint: Endpoint,
    ok: boolean,
    status: number,
    now: Date,
  ) {
    let next: Endpoint | undefined;
    if (ok && endpoint.failingSince) next = { ...endpoint, failingSince: undefined };
    else if (!ok) {
      const failingSince = endpoint.failingSince ?? now.toISOString();
      const reason =
        status === 410
          ? 'The endpoint answered 410 Gone'
          : now.getTime() - Date.parse(failingSince) >= DISABLE_AFTER_FAILING_MS
            ? 'Every delivery failed for 5 days'
            : undefined;
      next = reason
        ? {
            ...endpoint,
            failingSince,
            status: 'disabled',
            disabledReason: reason,
            disabledAt: now.toISOString(),
          }
        : endpoint.failingSince
          ? undefined
          : { ...endpoint, failingSince };
      if (reason)
        this.deps.log?.('webhook endpoint disabled', {
          tenantId,
          endpointId: endpoint.endpointId,
          reason,
        });
    }
    if (!next) return;
    try {
      await this.deps.store.putEndpoint(
        tenantId,
        { ...next, version: endpoint.version + 1 },
        endpoint.version,
      );
    } catch (err) {
      // Another attempt updated the endpoint first; its outcome is as good as this one's.
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  private async save(
    tenantId: string,
    delivery: Delivery,
    change: Partial<Delivery>,
  ): Promise<Delivery> {
    const next = { ...delivery, ...change, version: delivery.version + 1 };
    await this.deps.store.putDelivery(tenantId, next, delivery.version);
    return next;
  }
}

/** `Retry-After` as seconds or an HTTP date, measured on the worker's clock. */
function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * SECOND;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
