import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';
import type { Stage } from './stage';

/** Alarm kinds; each has a runbook entry in docs/operations.md under the same heading. */
export const ALARM_KINDS = {
  lambdaErrors: 'Lambda errors',
  lambdaThrottles: 'Lambda throttles',
  dlqDepth: 'Dead-letter queue not empty',
  api5xx: 'API 5xx rate',
  apiLatency: 'API p99 latency',
  pipeFailures: 'Outbox pipe failures',
} as const;
export type AlarmKind = keyof typeof ALARM_KINDS;

/** Thresholds: any error or dead letter is news; the API alarms tolerate noise. */
export const THRESHOLDS = {
  api5xxPercent: 1,
  apiP99Ms: 2000,
};

const runbook = (kind: AlarmKind) => `Runbook: docs/operations.md, "Alarm: ${ALARM_KINDS[kind]}".`;

export interface ObservabilityProps {
  stage: Stage;
  api: HttpApi;
  functions: readonly { fn: IFunction; label: string }[];
  queues: readonly { queue: IQueue; label: string }[];
  pipes: readonly { pipe: CfnPipe; label: string }[];
}

/**
 * The region's alarms, all on one encrypted, TLS-only SNS topic operators subscribe to, and one
 * dashboard with the same metrics.
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: { kind: AlarmKind; alarm: Alarm; subject: string }[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { stage, api } = props;
    const region = Stack.of(this).region;
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `Assay ${stage.name} alarms`,
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    const queues = [...props.queues];
    if (stage.alarmEmail) {
      const undelivered = new DeadLetterQueue(this, 'AlarmMailDeadLetters', stage);
      this.topic.addSubscription(
        new EmailSubscription(stage.alarmEmail, { deadLetterQueue: undelivered.queue }),
      );
      queues.push({ queue: undelivered.queue, label: 'alarm-mail' });
    }
    const action = new SnsAction(this.topic);
    const fiveMinutes = Duration.minutes(5);

    const alarm = (
      kind: AlarmKind,
      subject: string,
      metric: IMetric,
      threshold: number,
      what: string,
    ) => {
      const created = new Alarm(this, `${ALARM_KINDS[kind]} ${subject}`, {
        alarmName: `assay-${stage.name}-${region}-${kind}-${subject}`.slice(0, 255),
        alarmDescription: `${what} ${runbook(kind)}`,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push({ kind, alarm: created, subject });
      return created;
    };

    for (const { fn, label } of props.functions) {
      alarm(
        'lambdaErrors',
        label,
        fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        0,
        `Function ${label} returned errors.`,
      );
      alarm(
        'lambdaThrottles',
        label,
        fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        0,
        `Function ${label} was throttled.`,
      );
    }
    for (const { queue, label } of queues) {
      alarm(
        'dlqDepth',
        label,
        queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Max' }),
        0,
        `Dead-letter queue ${label} holds messages.`,
      );
    }

    const requests = api.metricCount({ period: fiveMinutes, statistic: 'Sum' });
    const serverErrors = api.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    const errorRate = new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period: fiveMinutes,
      label: '5xx %',
    });
    alarm(
      'api5xx',
      'http-api',
      errorRate,
      THRESHOLDS.api5xxPercent,
      `More than ${THRESHOLDS.api5xxPercent}% of API requests answered 5xx.`,
    );
    const p99 = api.metricLatency({ period: fiveMinutes, statistic: 'p99' });
    alarm(
      'apiLatency',
      'http-api',
      p99,
      THRESHOLDS.apiP99Ms,
      `API p99 latency above ${THRESHOLDS.apiP99Ms} ms.`,
    );

    const pipeMetric = (pipe: CfnPipe, metricName: string) =>
      new Metric({
        namespace: 'AWS/EventBridge/Pipes',
        metricName,
        dimensionsMap: { PipeName: pipe.ref },
        period: fiveMinutes,
        statistic: 'Sum',
      });
    // Metric ids are unique per pipe: the dashboard graphs every pipe's expression together.
    const pipeFailures = props.pipes.map(({ pipe, label }, i) => ({
      label,
      metric: new MathExpression({
        expression: `FILL(failed${i}, 0) + FILL(target${i}, 0) + FILL(enrichment${i}, 0)`,
        usingMetrics: {
          [`failed${i}`]: pipeMetric(pipe, 'ExecutionFailed'),
          [`target${i}`]: pipeMetric(pipe, 'TargetStageFailed'),
          [`enrichment${i}`]: pipeMetric(pipe, 'EnrichmentStageFailed'),
        },
        period: fiveMinutes,
        label: `${label} failures`,
      }),
    }));
    for (const { label, metric } of pipeFailures) {
      alarm('pipeFailures', label, metric, 0, `Outbox pipe ${label} failed executions.`);
    }

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `assay-${stage.name}-${region}`,
      defaultInterval: Duration.hours(3),
    });
    const graph = (title: string, left: IMetric[]) =>
      new GraphWidget({ title, left, width: 12, height: 6 });
    this.dashboard.addWidgets(
      new AlarmStatusWidget({
        title: 'Alarms',
        alarms: this.alarms.map((a) => a.alarm),
        width: 24,
        height: Math.min(12, 2 + Math.ceil(this.alarms.length / 4)),
      }),
      graph('API requests and 5xx', [requests, serverErrors]),
      graph('API latency p50 / p99', [
        api.metricLatency({ period: fiveMinutes, statistic: 'p50' }),
        p99,
      ]),
      graph(
        'Lambda errors',
        props.functions.map(({ fn, label }) =>
          fn.metricErrors({ period: fiveMinutes, statistic: 'Sum', label }),
        ),
      ),
      graph(
        'Lambda duration p99',
        props.functions.map(({ fn, label }) =>
          fn.metricDuration({ period: fiveMinutes, statistic: 'p99', label }),
        ),
      ),
      graph(
        'Dead-letter queue depth',
        queues.map(({ queue, label }) =>
          queue.metricApproximateNumberOfMessagesVisible({
            period: fiveMinutes,
            statistic: 'Max',
            label,
          }),
        ),
      ),
      graph(
        'Outbox pipe failures',
        pipeFailures.map(({ metric }) => metric),
      ),
    );
  }
}
