import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, playbookPublished } from '@assay/events';
import { tableName, transactWithEvents } from '@assay/platform';
import { contentService } from '@assay/service-content';
import { OutboxRelay, readDeadLetters } from '@assay/local';
import { useTestTables } from '@assay/local/test-support/dynamo';
import { LocalEventBus, type EventBridgeEvent } from '../../packages/local/src/bus';

// The fast half of the kill -9 suite (scripts/faults/kill-9.ts is the slow, whole-stack half):
// the bus lives in memory, so the relay may checkpoint an outbox record only once every target
// handled it. Before this, the relay checkpointed right after putEvents and a crash lost the
// events still queued in the bus (3 of 40 acknowledged submits never scored in kill-9.ts).

let env: Awaited<ReturnType<typeof useTestTables>>;
const dir = mkdtempSync(join(tmpdir(), 'assay-settle-'));
const table = () => tableName(contentService.table);
const noDelay = { sleep: () => Promise.resolve(), random: () => 0 };

beforeAll(async () => {
  env = await useTestTables();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function published(n: number) {
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

const put = (bus: LocalEventBus, n: number) => {
  const result = bus.putEvents([
    { Source: 'test', DetailType: 'thing', Detail: JSON.stringify({ n }) },
  ]);
  return (result.Entries[0] as { EventId: string }).EventId;
};

describe('bus.settled', () => {
  it('waits through retries until the target succeeds', async () => {
    let calls = 0;
    const bus = new LocalEventBus({
      ...noDelay,
      rules: [
        {
          name: 'flaky',
          pattern: { source: ['test'] },
          target: async () => {
            if (++calls <= 2) throw new Error(`failure ${calls}`);
          },
        },
      ],
    });
    await bus.settled([put(bus, 1)]);
    expect(calls).toBe(3);
    expect(bus.stats()).toMatchObject({ delivered: 1, retried: 2, deadLettered: 0 });
  });

  it('resolves after the dead letter is on disk, and a new bus loads it', async () => {
    const file = join(dir, 'dead-letters.json');
    const bus = new LocalEventBus({
      ...noDelay,
      deadLetterFile: file,
      rules: [
        {
          name: 'broken',
          pattern: { source: ['test'] },
          target: () => Promise.reject(new Error('cannot')),
        },
      ],
    });
    const id = put(bus, 1);
    await bus.settled([id]);
    const [letter] = readDeadLetters(file);
    expect(letter).toMatchObject({ ruleName: 'broken', attempts: 4, errorMessage: 'cannot' });
    expect(letter!.event.id).toBe(id);
    const next = new LocalEventBus({ rules: [], deadLetterFile: file });
    expect(next.deadLetters().map((l) => l.event.id)).toEqual([id]);
  });
});

describe('outbox relay + bus', () => {
  it('does not checkpoint an outbox record before its delivery finished', async () => {
    const checkpointFile = join(dir, 'checkpoints.json');
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const delivered: string[] = [];
    const bus = new LocalEventBus({
      rules: [
        {
          name: 'slow',
          pattern: { source: ['assay.content'] },
          target: async (event: EventBridgeEvent) => {
            await blocked;
            delivered.push((event.detail as { data: { playbookId: string } }).data.playbookId);
          },
        },
      ],
    });
    const relayTo = (target: LocalEventBus) =>
      new OutboxRelay(env.db, {
        endpoint: env.endpoint,
        tables: [table()],
        checkpointFile,
        publish: async (entries) => {
          const result = target.putEvents(
            entries.map((e) => ({
              Source: e.source,
              DetailType: e.detailType,
              Detail: JSON.stringify(e.detail),
            })),
          );
          await target.settled(result.Entries.map((r) => (r as { EventId: string }).EventId));
        },
      });
    await transactWithEvents(
      env.db,
      table(),
      [],
      [{ def: playbookPublished, detail: published(1) }],
    );
    const first = relayTo(bus);
    const pass = first.pollOnce();
    // The target is still working: no checkpoint may exist yet (a crash here must not lose it).
    await new Promise((r) => setTimeout(r, 300));
    expect(() => readFileSync(checkpointFile, 'utf8')).toThrow();

    // "Crash": the first relay is abandoned. A new one on the same file publishes it again.
    const again: string[] = [];
    const replacement = new LocalEventBus({
      rules: [
        {
          name: 'fast',
          pattern: { source: ['assay.content'] },
          target: async (event) =>
            void again.push((event.detail as { data: { playbookId: string } }).data.playbookId),
        },
      ],
    });
    const second = relayTo(replacement);
    await second.pollOnce();
    expect(again).toEqual(['pb-1']);
    expect(Object.keys(JSON.parse(readFileSync(checkpointFile, 'utf8')) as object)).toHaveLength(1);

    release();
    await pass;
    expect(delivered).toEqual(['pb-1']);
    await first.stop();
    await second.stop();
  });
});

describe('storage outages on the bus', () => {
  it('waits out a storage outage beyond the retry budget, but not a broken event', async () => {
    let calls = 0;
    const bus = new LocalEventBus({
      ...noDelay,
      rules: [
        {
          name: 'needs-dynamodb',
          pattern: { source: ['test'] },
          target: async () => {
            // DynamoDB Local restarting: 6 refused connections, then it is back.
            if (++calls <= 6)
              throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
          },
        },
      ],
    });
    await bus.settled([put(bus, 1)]);
    expect(calls).toBe(7);
    expect(bus.stats()).toMatchObject({ delivered: 1, retried: 6, deadLettered: 0 });
  });

  it('gives up an outage on close without dead-lettering, so the relay does not checkpoint', async () => {
    const bus = new LocalEventBus({
      backoff: { baseDelayMs: 1, maxDelayMs: 5 },
      rules: [
        {
          name: 'storage-gone',
          pattern: { source: ['test'] },
          target: () =>
            Promise.reject(
              Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
            ),
        },
      ],
    });
    const settled = bus.settled([put(bus, 1)]);
    settled.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 30));
    expect(bus.stats().retried).toBeGreaterThan(3); // past the budget of 3: waiting it out
    await bus.close();
    await expect(settled).rejects.toThrow(/closed before/);
    expect(bus.deadLetters()).toEqual([]);
  });
});
