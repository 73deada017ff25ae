import { Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { Construct } from 'constructs';
import { OUTBOX_SK_PREFIX } from '@assay/platform/outbox';
import type { OutboxEntry } from '@assay/platform/outbox';
import { DeadLetterQueue } from './dead-letter-queue';
import type { Stage } from './stage';

export interface OutboxRelayProps {
  table: ITable;
  bus: IEventBus;
  /** Turns stream records into OutboxEntry objects (packages/platform/src/handlers). */
  enrichment: IFunction;
  stage: Stage;
}

/** Fields of the enrichment's OutboxEntry output that the target reads; typed so a rename breaks here. */
const entryPath = (field: keyof OutboxEntry) => `$.${field}`;

/**
 * Carries outbox items from a table's stream to the bus with an EventBridge Pipe: only inserts of
 * `OUTBOX#` items pass the filter, the enrichment decodes each into source, detail-type and detail,
 * and the bus receives exactly what the service wrote in its transaction.
 */
export class OutboxRelay extends Construct {
  readonly pipe: CfnPipe;

  constructor(scope: Construct, id: string, props: OutboxRelayProps) {
    super(scope, id);
    const { table, bus, enrichment } = props;
    if (!table.tableStreamArn) throw new Error(`${this.node.path}: table has no stream`);

    const deadLetters = new DeadLetterQueue(this, 'DeadLetters', props.stage).queue;
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('pipes.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    table.grantStreamRead(role);
    // The pipe invokes the unqualified function; grantInvoke would add every version (`:*`) too.
    role.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [enrichment.functionArn],
      }),
    );
    bus.grantPutEventsTo(role);
    deadLetters.grantSendMessages(role);

    const pipe = (this.pipe = new CfnPipe(this, 'Pipe', {
      description: `Outbox of ${table.tableName} to ${bus.eventBusName}`,
      roleArn: role.roleArn,
      source: table.tableStreamArn,
      sourceParameters: {
        filterCriteria: {
          filters: [
            {
              pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { NewImage: { sk: { S: [{ prefix: OUTBOX_SK_PREFIX }] } } },
              }),
            },
          ],
        },
        dynamoDbStreamParameters: {
          // From the oldest record: nothing written before the pipe exists is lost; consumers are
          // idempotent, so a replay is harmless.
          startingPosition: 'TRIM_HORIZON',
          // PutEvents takes at most 10 entries.
          batchSize: 10,
          maximumRetryAttempts: 10,
          // Well inside the stream's 24 h retention, so a dead letter can still be replayed from it.
          maximumRecordAgeInSeconds: 6 * 3600,
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: deadLetters.queueArn },
        },
      },
      enrichment: enrichment.functionArn,
      target: bus.eventBusArn,
      targetParameters: {
        eventBridgeEventBusParameters: {
          source: entryPath('source'),
          detailType: entryPath('detailType'),
        },
        inputTemplate: `<${entryPath('detail')}>`,
      },
    }));
    // The role's policy must exist before the pipe starts polling the stream.
    pipe.node.addDependency(role);

    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams has no resource-level permissions; every other action names its resource.',
    });
  }
}
