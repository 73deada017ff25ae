import {
  ConflictException,
  CreateScheduleCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { localEndpoint } from '@assay/platform';
import { sessionDeadlineReached, type EventDetail } from '@assay/events';

/**
 * Session deadlines as EventBridge Scheduler one-time schedules whose target puts
 * `session.deadline-reached` on the bus. Locally `AWS_ENDPOINT_URL_SCHEDULER` points the same
 * client at the local stack, which runs the schedule with its LocalScheduler.
 */
export class DeadlineTimers {
  constructor(
    private readonly client: SchedulerClient = new SchedulerClient(
      localEndpoint('AWS_ENDPOINT_URL_SCHEDULER'),
    ),
    private readonly target = {
      busArn:
        process.env.ASSAY_EVENT_BUS_ARN ?? 'arn:aws:events:local:000000000000:event-bus/default',
      roleArn: process.env.ASSAY_SCHEDULER_ROLE_ARN ?? 'arn:aws:iam::000000000000:role/local',
      group: process.env.ASSAY_SCHEDULE_GROUP ?? 'default',
    },
  ) {}

  /** Idempotent: the schedule is named after the session, so a redelivered start adds nothing. */
  async schedule(at: Date, detail: EventDetail<typeof sessionDeadlineReached>): Promise<void> {
    // `at()` takes whole seconds; rounding up never fires before the session closes.
    const when = new Date(Math.ceil(at.getTime() / 1000) * 1000).toISOString().slice(0, 19);
    try {
      await this.client.send(
        new CreateScheduleCommand({
          Name: `session-${detail.data.sessionId}`,
          GroupName: this.target.group,
          ScheduleExpression: `at(${when})`,
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.target.busArn,
            RoleArn: this.target.roleArn,
            Input: JSON.stringify(detail),
            EventBridgeParameters: {
              Source: sessionDeadlineReached.source,
              DetailType: sessionDeadlineReached.type,
            },
          },
        }),
      );
    } catch (err) {
      if (!(err instanceof ConflictException)) throw err;
    }
  }
}
