import {
  ConflictException,
  CreateScheduleCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { localEndpoint } from '@assay/platform';
import { z } from 'zod';
import type { ScheduleAttempt } from './deliveries';

/**
 * What a retry schedule hands the reporting events function: a shape of its own (no
 * `detail-type`), so the function tells it apart from bus events.
 */
export const attemptInput = z.strictObject({
  kind: z.literal('webhook.attempt'),
  tenantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  deliveryId: z.string().regex(/^whd_[0-9A-Za-z]{26}_[0-9A-Za-z]{1,26}$/),
});
export type AttemptInput = z.infer<typeof attemptInput>;

export function isAttemptInput(event: unknown): boolean {
  return (
    typeof event === 'object' &&
    event !== null &&
    (event as { kind?: unknown }).kind === 'webhook.attempt'
  );
}

/** Where schedules go and what they invoke; infra sets these (see infra/lib/schedules.ts). */
export interface RetryTarget {
  functionArn: string;
  roleArn: string;
  group: string;
  deadLetterArn?: string;
}

/** The events function of this stage: named `assay-<stage>-reporting-events` here and in CDK. */
export function retryTargetFromEnv(env = process.env): RetryTarget {
  const region = env.AWS_REGION ?? 'us-east-1';
  return {
    functionArn:
      env.ASSAY_SCHEDULE_TARGET_ARN ??
      `arn:aws:lambda:${region}:000000000000:function:assay-${env.ASSAY_STAGE ?? 'local'}-reporting-events`,
    roleArn: env.ASSAY_SCHEDULER_INVOKE_ROLE_ARN ?? 'arn:aws:iam::000000000000:role/local',
    group: env.ASSAY_SCHEDULE_GROUP ?? 'default',
    deadLetterArn: env.ASSAY_SCHEDULE_DLQ_ARN,
  };
}

/**
 * Later webhook attempts as EventBridge Scheduler one-time schedules that invoke the reporting
 * events function, the way session deadlines are scheduled. Locally `AWS_ENDPOINT_URL_SCHEDULER`
 * points the same client at the local stack, whose Scheduler shim invokes the local handler.
 */
export function retrySchedules(
  client?: SchedulerClient,
  target: RetryTarget = retryTargetFromEnv(),
): ScheduleAttempt {
  return async (job, at) => {
    // Built on first use: the local stack sets its endpoint only once it listens.
    client ??= new SchedulerClient(localEndpoint('AWS_ENDPOINT_URL_SCHEDULER'));
    // `at()` takes whole seconds; rounding up never fires before the delivery is due.
    const when = new Date(Math.ceil(at.getTime() / 1000) * 1000).toISOString().slice(0, 19);
    const input: AttemptInput = {
      kind: 'webhook.attempt',
      tenantId: job.tenantId,
      deliveryId: job.deliveryId,
    };
    try {
      await client.send(
        new CreateScheduleCommand({
          // One name per attempt: the running schedule still exists while it books the next one.
          Name: `${job.deliveryId}-${job.attempt}`,
          GroupName: target.group,
          ScheduleExpression: `at(${when})`,
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: target.functionArn,
            RoleArn: target.roleArn,
            Input: JSON.stringify(input),
            RetryPolicy: { MaximumEventAgeInSeconds: 6 * 3600, MaximumRetryAttempts: 60 },
            ...(target.deadLetterArn ? { DeadLetterConfig: { Arn: target.deadLetterArn } } : {}),
          },
        }),
      );
    } catch (err) {
      // Already booked (a replay of a pending delivery failed too): the first booking stands.
      if (!(err instanceof ConflictException)) throw err;
    }
  };
}
