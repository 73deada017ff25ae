import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createEvent, playbookPublished } from '@assay/events';
import { tableName, transactWithEvents } from '@assay/platform';
import { contentService } from '@assay/service-content';
import { useTestTables } from '../test-support/dynamo';
import { OutboxRelay } from '../src/streams/outbox-relay';
import type { OutboxEntry } from '@assay/platform/outbox';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let env: Awaited<ReturnType<typeof useTestTables>>;
const dir = mkdtempSync(join(tmpdir(), 'relay-'));
const table = () => tableName(contentService.table);

beforeAll(async () => {
  env = await useTestTables();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function event(n: number) {
  return createEvent(
    playbookPublished,
    { tenantId: 't1', correlationId: `c${n}` },
    {
      playbookId: `pb-${n}`,
      version: '1.0.0',
      hash: `sha256:${'0'.repeat(64)}`,
      title: 'T',
      publishedAt: new Date().toISOString(),
      playbook: { n },
    },
  );
}

describe('outbox relay (DynamoDB Local streams)', () => {
  it('publishes each outbox item once, in write order, and skips other items', async () => {
    const seen: OutboxEntry[] = [];
    const relay = new OutboxRelay(env.db, {
      endpoint: env.endpoint,
      tables: [table()],
      checkpointFile: join(dir, 'checkpoints.json'),
      publish: async (entries) => void seen.push(...entries),
    });
    for (let n = 1; n <= 3; n++) {
      await transactWithEvents(
        env.db,
        table(),
        [{ Put: { TableName: table(), Item: { pk: { S: 'T#t1' }, sk: { S: `STATE#${n}` } } } }],
        [{ def: playbookPublished, detail: event(n) }],
      );
    }
    await relay.pollOnce();
    await relay.pollOnce();
    expect(seen.map((e) => (e.detail as { data: { playbookId: string } }).data.playbookId)).toEqual(
      ['pb-1', 'pb-2', 'pb-3'],
    );
    expect(
      seen.every((e) => e.source === 'assay.content' && e.detailType === 'playbook.published'),
    ).toBe(true);
    await relay.stop();

    // A new relay resumes after the checkpoint: nothing old again, only what is new.
    const resumed: OutboxEntry[] = [];
    const next = new OutboxRelay(env.db, {
      endpoint: env.endpoint,
      tables: [table()],
      checkpointFile: join(dir, 'checkpoints.json'),
      publish: async (entries) => void resumed.push(...entries),
    });
    await env.db.send(
      new PutItemCommand({ TableName: table(), Item: { pk: { S: 'T#t1' }, sk: { S: 'STATE#x' } } }),
    );
    await transactWithEvents(env.db, table(), [], [{ def: playbookPublished, detail: event(4) }]);
    await next.pollOnce();
    expect(
      resumed.map((e) => (e.detail as { data: { playbookId: string } }).data.playbookId),
    ).toEqual(['pb-4']);
    await next.stop();
  });

  it('keeps an entry for the next pass when publishing fails (at-least-once)', async () => {
    let fail = true;
    const seen: string[] = [];
    const relay = new OutboxRelay(env.db, {
      endpoint: env.endpoint,
      tables: [table()],
      publish: async (entries) => {
        if (fail) throw new Error('bus down');
        seen.push(...entries.map((e) => (e.detail as { eventId: string }).eventId));
      },
    });
    const detail = event(5);
    await transactWithEvents(env.db, table(), [], [{ def: playbookPublished, detail }]);
    await expect(relay.pollOnce()).rejects.toThrow('bus down');
    fail = false;
    await relay.pollOnce();
    expect(seen).toContain(detail.eventId);
    await relay.stop();
  });

  it('keeps polling while a batch is unsettled, and checkpoints only past settled batches', async () => {
    const checkpointFile = join(dir, 'pipelined.json');
    const seen: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const relay = new OutboxRelay(env.db, {
      endpoint: env.endpoint,
      tables: [table()],
      checkpointFile,
      pollIntervalMs: 5,
      publish: async (entries) => {
        const ids = entries.map(
          (e) => (e.detail as { data: { playbookId: string } }).data.playbookId,
        );
        seen.push(...ids);
        if (ids.includes('pb-7')) await held; // a slow consumer of the first batch
      },
    });
    await relay.pollOnce(); // start after everything earlier tests wrote
    seen.length = 0;
    await transactWithEvents(env.db, table(), [], [{ def: playbookPublished, detail: event(7) }]);
    relay.start();
    while (!seen.includes('pb-7')) await new Promise((r) => setTimeout(r, 5));
    const before = readFileSync(checkpointFile, 'utf8');
    await transactWithEvents(env.db, table(), [], [{ def: playbookPublished, detail: event(8) }]);
    // The next batch goes out although the first has not settled…
    while (!seen.includes('pb-8')) await new Promise((r) => setTimeout(r, 5));
    // …but the checkpoint does not move past the unsettled one.
    expect(readFileSync(checkpointFile, 'utf8')).toBe(before);
    release();
    await relay.flushed();
    expect(existsSync(checkpointFile) && readFileSync(checkpointFile, 'utf8')).not.toBe(before);
    await relay.stop();
    expect(seen).toEqual(['pb-7', 'pb-8']);
  });

  it('writes nothing at all when the state change fails its condition', async () => {
    const seen: OutboxEntry[] = [];
    const relay = new OutboxRelay(env.db, {
      endpoint: env.endpoint,
      tables: [table()],
      publish: async (e) => void seen.push(...e),
    });
    await relay.pollOnce();
    seen.length = 0;
    await expect(
      transactWithEvents(
        env.db,
        table(),
        [
          {
            Put: {
              TableName: table(),
              Item: { pk: { S: 'T#t1' }, sk: { S: 'STATE#1' } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
        [{ def: playbookPublished, detail: event(6) }],
      ),
    ).rejects.toThrow();
    await relay.pollOnce();
    expect(seen).toEqual([]);
    await relay.stop();
  });
});
