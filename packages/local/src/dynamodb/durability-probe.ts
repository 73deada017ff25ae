// Does DynamoDB Local (-dbPath, SQLite) keep every write it acknowledged when its JVM is
// killed with SIGKILL? Writers put items concurrently (TransactWriteItems and PutItem), the JVM
// is killed mid-stream, started again on the same folder, and every acknowledged key is read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { freePort, startDynamoDbLocal } from './dynamodb-local';

export interface DurabilityResult {
  acknowledged: number;
  lost: string[];
  /** The same, split by the call that wrote the key: is the loss in one write path only? */
  byCall: Record<WriteCall, { acknowledged: number; lost: number }>;
}

type WriteCall = 'PutItem' | 'TransactWriteItems';
/** Writers alternate: odd sequence numbers use PutItem, even ones TransactWriteItems. */
const callOf = (pk: string): WriteCall =>
  Number(pk.split('-')[1]) % 2 ? 'PutItem' : 'TransactWriteItems';

export async function probeDynamoDbLocalDurability(
  writers = 16,
  runMs = 2000,
): Promise<DurabilityResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ddb-durability-'));
  const port = await freePort();
  let dynamo = await startDynamoDbLocal({ dataDir: dir, port });
  const client = () =>
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  let db = client();
  const TableName = 'probe';
  await db.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  const acked: string[] = [];
  let stop = false;
  const writer = async (w: number) => {
    for (let n = 0; !stop; n++) {
      const pk = `w${w}-${n}`;
      try {
        if (callOf(pk) === 'PutItem')
          await db.send(
            new PutItemCommand({ TableName, Item: { pk: { S: pk }, v: { N: `${n}` } } }),
          );
        else
          await db.send(
            new TransactWriteItemsCommand({
              TransactItems: [{ Put: { TableName, Item: { pk: { S: pk }, v: { N: `${n}` } } } }],
            }),
          );
        acked.push(pk);
      } catch {
        return;
      }
    }
  };
  const running = Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
  await new Promise((r) => setTimeout(r, runMs));
  await dynamo.kill();
  stop = true;
  await running;
  db.destroy();
  dynamo = await startDynamoDbLocal({ dataDir: dir, port });
  db = client();
  const lost: string[] = [];
  for (const pk of acked) {
    const got = await db.send(new GetItemCommand({ TableName, Key: { pk: { S: pk } } }));
    if (!got.Item) lost.push(pk);
  }
  db.destroy();
  await dynamo.stop();
  rmSync(dir, { recursive: true, force: true });
  const byCall = {
    PutItem: { acknowledged: 0, lost: 0 },
    TransactWriteItems: { acknowledged: 0, lost: 0 },
  };
  for (const pk of acked) byCall[callOf(pk)].acknowledged++;
  for (const pk of lost) byCall[callOf(pk)].lost++;
  return { acknowledged: acked.length, lost, byCall };
}
