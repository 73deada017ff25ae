import { createLogger, dynamoClient } from '@assay/platform';
import { WebhookStore } from '../webhook-store';
import { Webhooks } from './deliveries';
import { retrySchedules } from './retry-schedules';
import { sealerFromEnv, type SecretSealer } from './secret-sealer';
import { httpSender } from './sender';
import type { WebhookMode } from './url-guard';
import { greenhouseTarget } from '../ats/greenhouse/completion';
import { GreenhouseStore } from '../ats/greenhouse/store';

/**
 * A clock the local stack may install (`startLocalStack({ clock })`), so tests compress hours of
 * retry schedule; Lambdas never install one and use the system clock.
 */
export const CLOCK = Symbol.for('assay.clock');
type ClockHolder = { [CLOCK]?: { now(): Date } };
const now = () => (globalThis as ClockHolder)[CLOCK]?.now() ?? new Date();

export function webhookMode(): WebhookMode {
  return process.env.ASSAY_WEBHOOKS_MODE === 'local' ? 'local' : 'cloud';
}

let sealer: SecretSealer | undefined;
let greenhouseStore: GreenhouseStore | undefined;
let store: WebhookStore | undefined;
let instance: Webhooks | undefined;

/** Envelope encryption for stored secrets, chosen like the webhook mode (see secret-sealer.ts). */
export function secretSealer(): SecretSealer {
  return (sealer ??= sealerFromEnv());
}

export function webhookStore(): WebhookStore {
  return (store ??= new WebhookStore(dynamoClient(), secretSealer()));
}

/** Shared by the HTTP and event handlers of this process; built on first use. */
export function webhooks(): Webhooks {
  return (instance ??= new Webhooks({
    store: webhookStore(),
    send: httpSender,
    mode: webhookMode(),
    // Later attempts: EventBridge Scheduler → this service's events function (the local stack's
    // Scheduler shim → the same handler).
    schedule: retrySchedules(),
    now,
    apiBase: apiBase(),
    targets: {
      greenhouse: greenhouseTarget(
        () => (greenhouseStore ??= new GreenhouseStore(dynamoClient())),
        secretSealer,
      ),
    },
    log: (message, fields) => createLogger('reporting').warn(message, fields),
  }));
}

/** Links in payloads point at the API (ASSAY_API_URL in AWS, the stack's URL locally). */
export function apiBase(): string {
  return (process.env.ASSAY_API_URL ?? process.env.ASSAY_CANDIDATE_APP_URL ?? '').replace(
    /\/$/,
    '',
  );
}

export { now as webhookClock };
