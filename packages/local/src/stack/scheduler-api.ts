import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalEventBus } from '../bus';
import type { LocalScheduler } from '../scheduler';

/** The job kind a one-time schedule with an EventBridge target becomes locally. */
export const SCHEDULED_EVENT = 'scheduled-event';
/** The job kind a one-time schedule with a Lambda target becomes locally. */
export const SCHEDULED_INVOKE = 'scheduled-invoke';

interface ScheduledEvent {
  source: string;
  detailType: string;
  detail: string;
}

interface ScheduledInvoke {
  functionName: string;
  input: string;
}

/** Local stand-ins for Lambda functions, by function name (`assay-<stage>-<service>-events`). */
export type LocalFunctions = ReadonlyMap<string, (input: unknown) => Promise<unknown>>;

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]*:\d{12}:function:([A-Za-z0-9_-]{1,64})$/;

/**
 * The part of the EventBridge Scheduler API services use: `CreateSchedule` with an `at(…)`
 * expression and an EventBridge target or a Lambda target, and `DeleteSchedule`. Point
 * `AWS_ENDPOINT_URL_SCHEDULER` at the stack and the AWS SDK's SchedulerClient lands here; at the
 * due time the target's event is put on the local bus, or the target function's local handler
 * is invoked with the schedule's Input, as the real service would. A failed invocation is
 * retried by the LocalScheduler (as Scheduler and Lambda retry in AWS). Anything else fails
 * loudly.
 */
export function schedulerApi(
  scheduler: LocalScheduler,
  bus: LocalEventBus,
  functions: LocalFunctions = new Map(),
) {
  // Names of schedules not yet run: a set, because the scheduler may hold tens of thousands.
  const names = new Set<string>();
  scheduler.on<ScheduledEvent>(SCHEDULED_EVENT, async ({ id, payload }) => {
    const result = bus.putEvents([
      { Source: payload.source, DetailType: payload.detailType, Detail: payload.detail },
    ]);
    if (result.FailedEntryCount > 0)
      throw new Error(`the bus refused a scheduled event: ${JSON.stringify(result.Entries)}`);
    names.delete(id);
  });
  scheduler.on<ScheduledInvoke>(SCHEDULED_INVOKE, async ({ id, payload }) => {
    const fn = functions.get(payload.functionName);
    if (!fn) throw new Error(`no local function ${payload.functionName}`);
    await fn(JSON.parse(payload.input));
    names.delete(id);
  });

  /** True when the request was a Scheduler API call (and has been answered). */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const name = /^\/schedules\/([0-9A-Za-z_.-]{1,64})(?:\?|$)/.exec(req.url ?? '')?.[1];
    if (!name) return false;
    if (req.method === 'DELETE') {
      void scheduler.cancel(name).then((found) => {
        names.delete(name);
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
      Target?: {
        Arn?: string;
        Input?: string;
        EventBridgeParameters?: { Source?: string; DetailType?: string };
      };
    };
    const at = /^at\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\)$/.exec(input.ScheduleExpression ?? '')?.[1];
    if (!at || (input.ScheduleExpressionTimezone ?? 'UTC') !== 'UTC')
      throw new Error(
        `the local scheduler supports only at(…) in UTC, got ${input.ScheduleExpression}`,
      );
    const target = input.Target?.EventBridgeParameters;
    const functionName = LAMBDA_ARN.exec(input.Target?.Arn ?? '')?.[1];
    if (!input.Target?.Input)
      throw new Error('the local scheduler supports only targets with an Input');
    if (!target && !(functionName && functions.has(functionName)))
      throw new Error(
        `the local scheduler supports EventBridge targets and local functions (${[...functions.keys()].join(', ')}), got ${input.Target.Arn}`,
      );
    if (target && (!target.Source || !target.DetailType))
      throw new Error('an EventBridge target needs a Source and a DetailType');
    if (names.has(name))
      throw Object.assign(new Error(`Schedule ${name} already exists.`), {
        status: 409,
        type: 'ConflictException',
      });
    names.add(name);
    if (target) {
      await scheduler.schedule<ScheduledEvent>({
        id: name,
        at: new Date(`${at}Z`),
        kind: SCHEDULED_EVENT,
        payload: {
          source: target.Source!,
          detailType: target.DetailType!,
          detail: input.Target.Input,
        },
      });
      return;
    }
    await scheduler.schedule<ScheduledInvoke>({
      id: name,
      at: new Date(`${at}Z`),
      kind: SCHEDULED_INVOKE,
      payload: { functionName: functionName!, input: input.Target.Input },
    });
  }
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  if (errorType) res.setHeader('x-amzn-errortype', errorType);
  res.end(JSON.stringify(body));
}
