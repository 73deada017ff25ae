import { readFileSync } from 'node:fs';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { outboxEntryFromImage, type OutboxEntry } from '@assay/platform/outbox';
import { writeFileDurably } from '../bus/durable-file';

/**
 * Where the relay hands entries; in the stack, the local bus's putEvents. It should resolve only
 * once the entries were handled (delivered or dead-lettered): the relay checkpoints after it.
 */
export type Publish = (entries: OutboxEntry[]) => Promise<void>;

export interface OutboxRelayOptions {
  endpoint: string;
  tables: string[];
  publish: Publish;
  /** File that keeps the last relayed sequence number per shard across restarts. */
  checkpointFile?: string;
  pollIntervalMs?: number;
  onError?: (err: unknown) => void;
  /** Sees the stream client once (a metered stack counts its GetRecords: Pipes' polling). */
  instrumentStreams?: (client: DynamoDBStreamsClient) => void;
}

interface ShardCursor {
  table: string;
  streamArn: string;
  shardId: string;
  iterator?: string;
  closed: boolean;
  /** Published batches in stream order, each checkpointed once it and all before it settled. */
  tail: Promise<void>;
  unsettled: number;
  /** A batch failed to settle: re-read from the checkpoint on the next pass. */
  failed: boolean;
}

/** Batches a shard may have published and not yet settled (bounds the bus's backlog). */
const MAX_UNSETTLED_BATCHES = 32;

/**
 * The local stand-in for EventBridge Pipes: reads each outbox table's DynamoDB stream and
 * publishes every inserted outbox item to the bus. A record is checkpointed only after `publish`
 * resolved for it and every record before it, so a crash re-publishes rather than loses
 * (consumers are idempotent). The polling loop does not wait for one batch to settle before
 * reading the next (as Pipes does not): a slow consumer must not hold up every other event.
 * When DynamoDB Local goes away and comes back, the next pass finds the shards again and resumes
 * from the checkpoints (a restarted emulator invalidates every iterator).
 */
export class OutboxRelay {
  private readonly streams: DynamoDBStreamsClient;
  private readonly shards = new Map<string, ShardCursor>();
  private checkpoints: Record<string, string> = {};
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private discoveredAt = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Entries published since start (for figures and tests). */
  relayed = 0;

  constructor(
    private readonly db: DynamoDBClient,
    private readonly options: OutboxRelayOptions,
  ) {
    this.streams = new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    options.instrumentStreams?.(this.streams);
    if (options.checkpointFile) {
      try {
        this.checkpoints = JSON.parse(readFileSync(options.checkpointFile, 'utf8')) as Record<
          string,
          string
        >;
      } catch {
        this.checkpoints = {};
      }
    }
  }

  start(): void {
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.serialised(() => this.pass(false)).then(
        () => undefined,
        (err: unknown) => this.options.onError?.(err),
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, this.options.pollIntervalMs ?? 25);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.flushed();
    this.streams.destroy();
  }

  /**
   * One pass over every shard of every table that waits until what it published settled (and
   * rejects if that failed); returns how many entries it published.
   */
  pollOnce(): Promise<number> {
    return this.serialised(() => this.pass(true));
  }

  /** Resolves once every batch published so far has settled (or failed). */
  async flushed(): Promise<void> {
    await Promise.all([...this.shards.values()].map((c) => c.tail.catch(() => undefined)));
  }

  /** Passes are serialised so the timer and an explicit call never read the same shard at once. */
  private serialised(run: () => Promise<number>): Promise<number> {
    const pass = this.queue.then(run);
    this.queue = pass.then(
      () => undefined,
      () => undefined,
    );
    return pass;
  }

  private async pass(wait: boolean): Promise<number> {
    try {
      // Shards change rarely (DynamoDB Local rolls them over); look again every second.
      if (Date.now() - this.discoveredAt > 1000) {
        await this.discoverShards();
        this.discoveredAt = Date.now();
      }
      const open = [...this.shards.values()].filter((cursor) => !cursor.closed);
      const counts = await Promise.all(open.map((cursor) => this.drainShard(cursor, wait)));
      return counts.reduce((a, b) => a + b, 0);
    } catch (err) {
      // Anything may be stale now (the emulator restarted, a stream was replaced): start the
      // next pass from the shard listing and the checkpoints.
      for (const cursor of this.shards.values()) cursor.iterator = undefined;
      this.discoveredAt = 0;
      throw err;
    }
  }

  private async discoverShards(): Promise<void> {
    for (const table of this.options.tables) {
      const described = await this.db.send(new DescribeTableCommand({ TableName: table }));
      const streamArn = described.Table?.LatestStreamArn;
      if (!streamArn)
        throw new Error(`table ${table} has no stream; is it declared as an outbox table?`);
      const shards: Shard[] = [];
      let start: string | undefined;
      do {
        const out = await this.streams.send(
          new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
        );
        shards.push(...(out.StreamDescription?.Shards ?? []));
        start = out.StreamDescription?.LastEvaluatedShardId;
      } while (start);
      // Forget this table's shards that are no longer listed: reading one would fail forever.
      const listed = new Set(shards.map((shard) => `${streamArn}|${shard.ShardId}`));
      for (const [key, cursor] of this.shards) {
        if (cursor.table === table && !listed.has(key)) this.shards.delete(key);
      }
      for (const shard of shards) {
        const key = `${streamArn}|${shard.ShardId}`;
        if (!this.shards.has(key)) {
          this.shards.set(key, {
            table,
            streamArn,
            shardId: shard.ShardId!,
            closed: false,
            tail: Promise.resolve(),
            unsettled: 0,
            failed: false,
          });
        }
      }
    }
  }

  private async drainShard(cursor: ShardCursor, wait: boolean): Promise<number> {
    const key = `${cursor.streamArn}|${cursor.shardId}`;
    if (cursor.failed) {
      // Publish again from the last checkpoint (what followed the failure is re-sent too).
      await cursor.tail.catch(() => undefined);
      cursor.failed = false;
      cursor.tail = Promise.resolve();
      cursor.iterator = undefined;
    }
    cursor.iterator ??= await this.iteratorFor(cursor, this.checkpoints[key]);
    let published = 0;
    for (;;) {
      let out;
      try {
        out = await this.streams.send(
          new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: 1000 }),
        );
      } catch (err) {
        if (err instanceof ExpiredIteratorException || err instanceof TrimmedDataAccessException) {
          cursor.iterator = await this.iteratorFor(cursor, this.checkpoints[key]);
          continue;
        }
        throw err;
      }
      const records = out.Records ?? [];
      const entries = records
        .filter((r) => r.eventName === 'INSERT')
        .map((r) =>
          outboxEntryFromImage(r.dynamodb?.NewImage as Record<string, AttributeValue> | undefined),
        )
        .filter((e): e is OutboxEntry => e !== null);
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      if (entries.length || last) {
        const settled = entries.length ? this.options.publish(entries) : Promise.resolve();
        settled.catch(() => undefined); // observed through the tail below
        published += entries.length;
        this.relayed += entries.length;
        cursor.unsettled++;
        const tail = cursor.tail.then(async () => {
          await settled;
          if (last) this.saveCheckpoint(key, last);
        });
        cursor.tail = tail;
        tail.then(
          () => cursor.unsettled--,
          (err: unknown) => {
            cursor.unsettled--;
            if (!cursor.failed) {
              cursor.failed = true;
              if (!wait) this.options.onError?.(err);
            }
          },
        );
        if (wait) await tail;
        else if (cursor.unsettled >= MAX_UNSETTLED_BATCHES) await tail.catch(() => undefined);
      }
      if (!out.NextShardIterator) {
        cursor.closed = true;
        return published;
      }
      cursor.iterator = out.NextShardIterator;
      if (records.length === 0) return published;
    }
  }

  private async iteratorFor(cursor: ShardCursor, after?: string): Promise<string> {
    const out = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: cursor.streamArn,
        ShardId: cursor.shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return out.ShardIterator!;
  }

  private saveCheckpoint(key: string, sequence: string): void {
    this.checkpoints[key] = sequence;
    const file = this.options.checkpointFile;
    // Durably: a torn file after kill -9 would send the relay back to the start of every stream.
    if (file) writeFileDurably(file, JSON.stringify(this.checkpoints));
  }
}
