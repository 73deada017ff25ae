import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Stage } from './stage';

/** Where undeliverable events wait for an operator: encrypted, TLS only, kept the SQS maximum. */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, stage: Stage) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: stage.removalPolicy,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue.',
    });
    Validations.of(this.queue).acknowledge({
      id: 'Serverless::Serverless-SQSRedrivePolicy',
      reason:
        'This queue is itself a dead-letter queue; an operator redrives it (docs/operations.md).',
    });
  }
}
