import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  ResourceInUseException,
  ScanCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { InMemoryScheduleStore, type ScheduledJob, type ScheduleStore } from './schedule-store';

/** The local stack's own table (not a service's: EventBridge Scheduler keeps schedules in AWS). */
export const LOCAL_SCHEDULES_TABLE = 'assay-local-scheduler';

/**
 * Schedules that survive a crash of the local stack, as EventBridge Scheduler's do: every write
 * goes to DynamoDB Local (a single PutItem/DeleteItem, which the emulator keeps under SIGKILL —
 * see scripts/faults/dynamodb-durability.ts) before it is acknowledged; reads are answered from
 * a copy in memory, loaded once at open, so the loop's 250 ms polls cost no calls.
 */
export class DynamoScheduleStore implements ScheduleStore {
  private readonly memory = new InMemoryScheduleStore();
  /** Writes to one job id in order, so memory and table never disagree about its last write. */
  private readonly queues = new Map<string, Promise<unknown>>();

  private constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  /** Creates the table when missing and loads every job in it. */
  static async open(
    db: DynamoDBClient,
    table = LOCAL_SCHEDULES_TABLE,
  ): Promise<DynamoScheduleStore> {
    await db
      .send(
        new CreateTableCommand({
          TableName: table,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      )
      .catch((err: unknown) => {
        if (!(err instanceof ResourceInUseException)) throw err;
      });
    const store = new DynamoScheduleStore(db, table);
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await db.send(
        new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }),
      );
      for (const item of page.Items ?? []) await store.memory.put(fromItem(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return store;
  }

  put(job: ScheduledJob, expectedRevision?: string): Promise<boolean> {
    return this.inOrder(job.id, async () => {
      if (
        expectedRevision !== undefined &&
        (await this.memory.get(job.id))?.revision !== expectedRevision
      )
        return false;
      await this.write(
        new PutItemCommand({
          TableName: this.table,
          Item: toItem(job),
          ...revisionIs(expectedRevision),
        }),
      );
      return this.memory.put(job);
    });
  }

  delete(id: string, expectedRevision?: string): Promise<boolean> {
    return this.inOrder(id, async () => {
      const stored = await this.memory.get(id);
      if (!stored || (expectedRevision !== undefined && stored.revision !== expectedRevision))
        return false;
      await this.write(
        new DeleteItemCommand({
          TableName: this.table,
          Key: { id: { S: id } },
          ...revisionIs(expectedRevision),
        }),
      );
      return this.memory.delete(id);
    });
  }

  get(id: string) {
    return this.memory.get(id);
  }

  due(now: Date) {
    return this.memory.due(now);
  }

  list() {
    return this.memory.list();
  }

  nextAt() {
    return this.memory.nextAt();
  }

  private async write(command: PutItemCommand | DeleteItemCommand): Promise<void> {
    try {
      await this.db.send(command as PutItemCommand);
    } catch (err) {
      // Memory said the revision matched; the table disagreeing means another process wrote it.
      if (err instanceof ConditionalCheckFailedException)
        throw new Error(`schedule table ${this.table} was changed by another process`);
      throw err;
    }
  }

  private inOrder<T>(id: string, work: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(id) ?? Promise.resolve()).then(work);
    const settled = run.catch(() => undefined);
    this.queues.set(id, settled);
    void settled.then(() => this.queues.get(id) === settled && this.queues.delete(id));
    return run;
  }
}

function revisionIs(expected: string | undefined) {
  return expected === undefined
    ? {}
    : {
        ConditionExpression: '#r = :r',
        ExpressionAttributeNames: { '#r': 'revision' },
        ExpressionAttributeValues: { ':r': { S: expected } },
      };
}

function toItem(job: ScheduledJob): Record<string, AttributeValue> {
  return {
    id: { S: job.id },
    kind: { S: job.kind },
    at: { N: String(job.at.getTime()) },
    payload: { S: JSON.stringify(job.payload ?? null) },
    attempts: { N: String(job.attempts) },
    revision: { S: job.revision },
    ...(job.lastError === undefined ? {} : { lastError: { S: job.lastError } }),
  };
}

function fromItem(item: Record<string, AttributeValue>): ScheduledJob {
  return {
    id: item.id!.S!,
    kind: item.kind!.S!,
    at: new Date(Number(item.at!.N)),
    payload: JSON.parse(item.payload!.S!) as unknown,
    attempts: Number(item.attempts!.N),
    revision: item.revision!.S!,
    ...(item.lastError?.S === undefined ? {} : { lastError: item.lastError.S }),
  };
}
