import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalEventBus } from '../bus';
import type { LocalScheduler } from '../scheduler';

/** The job kind a one-time schedule with an EventBridge target becomes locally. */
export const SCHEDULED_EVENT = 'scheduled-event';

interface ScheduledEvent {
  source: string;
  detailType: string;
  detail: string;
}

/**
 * The part of the EventBridge Scheduler API services use: `CreateSchedule` with an `at(…)`
 * expression and an EventBridge target, and `DeleteSchedule`. Point `AWS_ENDPOINT_URL_SCHEDULER`
 * at the stack and the AWS SDK's SchedulerClient lands here; at the due time the target's event
 * is put on the local bus, as the real service would. Anything else fails loudly.
 */
export function schedulerApi(scheduler: LocalScheduler, bus: LocalEventBus) {
  scheduler.on<ScheduledEvent>(SCHEDULED_EVENT, async ({ payload }) => {
    const result = bus.putEvents([
      { Source: payload.source, DetailType: payload.detailType, Detail: payload.detail },
    ]);
    if (result.FailedEntryCount > 0)
      throw new Error(`the bus refused a scheduled event: ${JSON.stringify(result.Entries)}`);
  });

  /** True when the request was a Scheduler API call (and has been answered). */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const name = /^\/schedules\/([0-9A-Za-z_.-]{1,64})(?:\?|$)/.exec(req.url ?? '')?.[1];
    if (!name) return false;
    if (req.method === 'DELETE') {
      void scheduler.cancel(name).then((found) => {
        if (found) send(res, 200, {});
        else
          send(
            res,
            404,
            { message: `Schedule ${name} does not exist.` },
            'ResourceNotFoundException',
          );
      });
      return true;
    }
    if (req.method !== 'POST') return false;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void create(name, Buffer.concat(chunks).toString('utf8')).then(
        () =>
          send(res, 200, {
            ScheduleArn: `arn:aws:scheduler:local:000000000000:schedule/default/${name}`,
          }),
        (err: Error & { status?: number; type?: string }) =>
          send(res, err.status ?? 400, { message: err.message }, err.type ?? 'ValidationException'),
      );
    });
    return true;
  };

  async function create(name: string, raw: string): Promise<void> {
    const input = JSON.parse(raw) as {
      ScheduleExpression?: string;
      ScheduleExpressionTimezone?: string;
      Target?: { Input?: string; EventBridgeParameters?: { Source?: string; DetailType?: string } };
    };
    const at = /^at\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\)$/.exec(input.ScheduleExpression ?? '')?.[1];
    const target = input.Target?.EventBridgeParameters;
    if (!at || (input.ScheduleExpressionTimezone ?? 'UTC') !== 'UTC')
      throw new Error(
        `the local scheduler supports only at(…) in UTC, got ${input.ScheduleExpression}`,
      );
    if (!target?.Source || !target.DetailType || !input.Target?.Input)
      throw new Error('the local scheduler supports only EventBridge targets with an Input');
    if ((await scheduler.pending()).some((job) => job.id === name))
      throw Object.assign(new Error(`Schedule ${name} already exists.`), {
        status: 409,
        type: 'ConflictException',
      });
    await scheduler.schedule<ScheduledEvent>({
      id: name,
      at: new Date(`${at}Z`),
      kind: SCHEDULED_EVENT,
      payload: { source: target.Source, detailType: target.DetailType, detail: input.Target.Input },
    });
  }
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  if (errorType) res.setHeader('x-amzn-errortype', errorType);
  res.end(JSON.stringify(body));
}
