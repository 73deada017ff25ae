import { createLogger, dynamoClient } from '@assay/platform';
import { WebhookStore } from '../webhook-store';
import { Webhooks, type ScheduleAttempt } from './deliveries';
import { httpSender } from './sender';
import type { WebhookMode } from './url-guard';

/** The job kind of a later webhook attempt on the local stack's scheduler. */
export const WEBHOOK_ATTEMPT = 'webhook-attempt';

export interface AttemptJob {
  tenantId: string;
  deliveryId: string;
}

/** The part of the local stack's LocalScheduler (and its clock) webhooks use. */
export interface LocalJobs {
  on(kind: string, handler: (job: { payload: AttemptJob }) => Promise<void>): unknown;
  schedule(request: { id: string; at: Date; kind: string; payload: AttemptJob }): Promise<void>;
}

let schedule: ScheduleAttempt = () =>
  Promise.reject(
    new Error(
      'No webhook retry scheduler is attached (EventBridge Scheduler in AWS, see docs/webhooks.md)',
    ),
  );
let now = () => new Date();
let instance: Webhooks | undefined;

/** Shared by the HTTP and event handlers of this process; built on first use. */
export function webhooks(): Webhooks {
  return (instance ??= new Webhooks({
    store: new WebhookStore(dynamoClient()),
    send: httpSender,
    mode: (process.env.ASSAY_WEBHOOKS_MODE === 'local' ? 'local' : 'cloud') satisfies WebhookMode,
    schedule: (job, at) => schedule(job, at),
    now: () => now(),
    apiBase: process.env.ASSAY_API_URL ?? process.env.ASSAY_CANDIDATE_APP_URL ?? '',
    log: (message, fields) => createLogger('reporting').warn(message, fields),
  }));
}

/** The local stack runs later attempts on its scheduler and clock (a ManualClock in tests). */
export function useLocalScheduler(jobs: LocalJobs, clock: { now(): Date }): void {
  now = () => clock.now();
  schedule = (job, at) =>
    jobs.schedule({ id: `webhook-${job.deliveryId}`, at, kind: WEBHOOK_ATTEMPT, payload: job });
  jobs.on(WEBHOOK_ATTEMPT, ({ payload }) =>
    webhooks().attemptDue(payload.tenantId, payload.deliveryId),
  );
}
