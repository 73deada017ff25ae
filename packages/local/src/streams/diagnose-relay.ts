// Where did an outbox event stop? For sessions the kill -9 script found unscored: is the
// session.submitted outbox item in the table, in the stream (which shard, which sequence
// number), and where is the relay's checkpoint for that shard.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function diagnoseUnrelayed(
  endpoint: string,
  dataDir: string,
  table: string,
  tenantId: string,
  sessionIds: string[],
): Promise<void> {
  const db = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials });
  const outbox = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `T#${tenantId}#OUTBOX` } },
    }),
  );
  const wanted = new Map<string, string>();
  for (const item of outbox.Items ?? []) {
    const text = JSON.stringify(item);
    for (const id of sessionIds)
      if (text.includes(id) && text.includes('session.submitted')) wanted.set(item.sk!.S!, id);
  }
  console.log(
    `outbox items of session.submitted for ${sessionIds.join(', ')}: ${[...wanted.keys()].join(', ') || 'none'}`,
  );
  const arn = (await db.send(new DescribeTableCommand({ TableName: table }))).Table!
    .LatestStreamArn!;
  const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn })))
    .StreamDescription!.Shards!;
  let checkpoints: Record<string, string> = {};
  try {
    checkpoints = JSON.parse(
      readFileSync(join(dataDir, 'outbox-checkpoints.json'), 'utf8'),
    ) as never;
  } catch {
    /* none */
  }
  for (const shard of shards) {
    const key = `${arn}|${shard.ShardId}`;
    console.log(
      `shard ${shard.ShardId} range ${JSON.stringify(shard.SequenceNumberRange)} checkpoint ${checkpoints[key] ?? 'none'}`,
    );
    let iterator = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    let total = 0;
    while (iterator) {
      const out = await streams.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
      );
      const records = out.Records ?? [];
      total += records.length;
      for (const r of records) {
        const sk = r.dynamodb?.Keys?.sk?.S;
        if (sk && wanted.has(sk))
          console.log(
            `  found ${r.eventName} ${sk} seq ${r.dynamodb?.SequenceNumber} (checkpoint ${checkpoints[key]})`,
          );
      }
      if (records.length === 0) break;
      iterator = out.NextShardIterator;
    }
    console.log(`  ${total} records`);
  }
  console.log(`checkpoint keys: ${Object.keys(checkpoints).join('\n  ')}`);
  db.destroy();
  streams.destroy();
}
