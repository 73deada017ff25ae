import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableName, type TableDefinition } from '@assay/platform/manifest';

/**
 * Creates every declared table that does not exist yet, the same shape CDK deploys: string
 * `pk`/`sk`, the declared GSIs, TTL, and a NEW_IMAGE stream for outbox tables.
 */
export async function createTables(
  db: DynamoDBClient,
  tables: readonly TableDefinition[],
  stage?: string,
) {
  for (const table of tables) {
    const name = tableName(table, stage);
    const keys = new Set([
      'pk',
      'sk',
      ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
    ]);
    try {
      await db.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [...keys].map((k) => ({ AttributeName: k, AttributeType: 'S' })),
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: table.indexes.length
            ? table.indexes.map((i) => ({
                IndexName: i.name,
                KeySchema: [
                  { AttributeName: i.partitionKey, KeyType: 'HASH' },
                  { AttributeName: i.sortKey, KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: 'ALL' },
              }))
            : undefined,
          StreamSpecification: table.outbox
            ? { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }
            : undefined,
        }),
      );
      if (table.ttlAttribute) {
        await db.send(
          new UpdateTimeToLiveCommand({
            TableName: name,
            TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
          }),
        );
      }
    } catch (err) {
      if (!(err instanceof ResourceInUseException)) throw err;
    }
    await waitActive(db, name);
  }
}

async function waitActive(db: DynamoDBClient, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const out = await db.send(new DescribeTableCommand({ TableName: name }));
    if (out.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`table ${name} did not become active`);
}
