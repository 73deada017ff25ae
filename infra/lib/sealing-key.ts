import { Duration } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { Stage } from './stage';

/**
 * The KMS key behind envelope encryption of stored secrets (webhook signing secrets, partner
 * keys): functions ask it for data keys and to unwrap them, nothing more. Rotated yearly by KMS;
 * old key material stays usable, so nothing stored needs re-sealing.
 */
export class SealingKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: { stage: Stage; purpose: string }) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: `Assay ${props.stage.name}: ${props.purpose}`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: props.stage.removalPolicy,
      pendingWindow: Duration.days(30),
    });
  }

  /** kms:GenerateDataKey and kms:Decrypt on this key only, and where to find it. */
  grantSealing(fn: LambdaFunction): void {
    this.key.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt');
    fn.addEnvironment('ASSAY_SEALING_KMS_KEY_ARN', this.key.keyArn);
  }
}
