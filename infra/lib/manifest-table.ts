import {
  AttributeType,
  BillingMode,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tableName } from '@assay/platform/manifest';
import type { TableDefinition } from '@assay/platform/manifest';
import type { Stage } from './stage';

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

/** A regional DynamoDB table exactly as its TableDefinition declares it (never a global table). */
export class ManifestTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: { definition: TableDefinition; stage: Stage }) {
    super(scope, id);
    const { definition, stage } = props;
    this.table = new Table(this, 'Table', {
      tableName: tableName(definition, stage.name),
      partitionKey: stringKey('pk'),
      sortKey: stringKey('sk'),
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: definition.ttlAttribute,
      // The outbox relay only needs what was written, never the previous version.
      stream: definition.outbox ? StreamViewType.NEW_IMAGE : undefined,
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
    });
    for (const index of definition.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
      });
    }
  }
}
