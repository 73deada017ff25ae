import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestTables } from '../test-support/dynamo';
import {
  DynamoScheduleStore,
  InMemoryScheduleStore,
  LocalScheduler,
  ManualClock,
  type SchedulerLogEntry,
  type ScheduledJob,
} from '../src/scheduler/index';

const T0 = new Date('2025-06-01T09:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function testScheduler() {
  const clock = new ManualClock(T0);
  const logs: SchedulerLogEntry[] = [];
  const scheduler = new LocalScheduler({
    clock,
    retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 },
    log: (entry) => logs.push(entry),
  });
  const ran: ScheduledJob[] = [];
  scheduler.on('session.timeout', async (job) => void ran.push(job));
  return { clock, logs, scheduler, ran };
}

describe('LocalScheduler', () => {
  it('runs a job only once its time has come, then forgets it', async () => {
    const { clock, scheduler, ran } = testScheduler();
    await scheduler.schedule({
      id: 's-1',
      at: at(1800),
      kind: 'session.timeout',
      payload: { sessionId: 's-1' },
    });

    clock.advanceTo(at(1799));
    expect(await scheduler.runDue()).toEqual({ succeeded: [], retrying: [], abandoned: [] });
    expect(ran).toEqual([]);

    clock.advanceTo(at(1800));
    expect((await scheduler.runDue()).succeeded).toEqual(['s-1']);
    expect(ran).toMatchObject([
      { id: 's-1', kind: 'session.timeout', payload: { sessionId: 's-1' } },
    ]);
    expect(await scheduler.pending()).toEqual([]);
  });

  it('runs due jobs earliest first', async () => {
    const { clock, scheduler, ran } = testScheduler();
    for (const [id, seconds] of [
      ['c', 30],
      ['a', 10],
      ['b', 20],
    ] as const) {
      await scheduler.schedule({ id, at: at(seconds), kind: 'session.timeout', payload: null });
    }
    clock.advanceTo(at(60));
    await scheduler.runDue();
    expect(ran.map((job) => job.id)).toEqual(['a', 'b', 'c']);
  });

  it('is idempotent by id: scheduling again replaces the job', async () => {
    const { clock, scheduler, ran } = testScheduler();
    await scheduler.schedule({ id: 's-1', at: at(10), kind: 'session.timeout', payload: { v: 1 } });
    await scheduler.schedule({
      id: 's-1',
      at: at(100),
      kind: 'session.timeout',
      payload: { v: 2 },
    });

    expect(await scheduler.pending()).toMatchObject([
      { id: 's-1', at: at(100), payload: { v: 2 } },
    ]);
    clock.advanceTo(at(50));
    await scheduler.runDue();
    expect(ran).toEqual([]);

    clock.advanceTo(at(100));
    await scheduler.runDue();
    expect(ran).toMatchObject([{ payload: { v: 2 } }]);
  });

  it('cancels a job', async () => {
    const { clock, scheduler, ran } = testScheduler();
    await scheduler.schedule({ id: 's-1', at: at(10), kind: 'session.timeout', payload: null });

    expect(await scheduler.cancel('s-1')).toBe(true);
    expect(await scheduler.cancel('s-1')).toBe(false);
    clock.advanceTo(at(10));
    await scheduler.runDue();
    expect(ran).toEqual([]);
  });

  it('retries a failing job with exponential backoff, reporting each failure', async () => {
    const { clock, scheduler, logs } = testScheduler();
    let calls = 0;
    scheduler.on('webhook.retry', async () => {
      calls++;
      if (calls < 3) throw new Error(`endpoint returned 503 (${calls})`);
    });
    await scheduler.schedule({ id: 'w-1', at: at(0), kind: 'webhook.retry', payload: null });

    expect((await scheduler.runDue()).retrying).toEqual(['w-1']);
    expect(await scheduler.pending()).toMatchObject([
      { id: 'w-1', at: at(1), attempts: 1, lastError: 'endpoint returned 503 (1)' },
    ]);

    clock.advanceTo(at(1));
    expect((await scheduler.runDue()).retrying).toEqual(['w-1']);
    expect(await scheduler.pending()).toMatchObject([{ at: at(3), attempts: 2 }]);

    clock.advanceTo(at(2.999));
    expect((await scheduler.runDue()).retrying).toEqual([]);

    clock.advanceTo(at(3));
    expect((await scheduler.runDue()).succeeded).toEqual(['w-1']);
    expect(await scheduler.pending()).toEqual([]);
    expect(logs).toEqual([
      expect.objectContaining({
        level: 'warn',
        jobId: 'w-1',
        attempts: 1,
        nextAttemptAt: at(1).toISOString(),
      }),
      expect.objectContaining({
        level: 'warn',
        jobId: 'w-1',
        attempts: 2,
        nextAttemptAt: at(3).toISOString(),
      }),
    ]);
  });

  it('gives up after maxAttempts and reports the last error', async () => {
    const { clock, scheduler, logs } = testScheduler();
    scheduler.on('webhook.retry', async () => Promise.reject(new Error('gone')));
    await scheduler.schedule({ id: 'w-1', at: at(0), kind: 'webhook.retry', payload: null });

    await scheduler.runDue();
    clock.advanceTo(at(1));
    await scheduler.runDue();
    clock.advanceTo(at(3));
    expect((await scheduler.runDue()).abandoned).toEqual(['w-1']);

    expect(await scheduler.pending()).toEqual([]);
    expect(logs.at(-1)).toMatchObject({ level: 'error', jobId: 'w-1', attempts: 3, error: 'gone' });
  });

  it('treats a job of a kind nobody handles as failed', async () => {
    const { scheduler, logs } = testScheduler();
    await scheduler.schedule({ id: 'x', at: at(0), kind: 'unknown.kind', payload: null });
    expect((await scheduler.runDue()).retrying).toEqual(['x']);
    expect(logs[0]?.error).toBe('No handler registered for kind "unknown.kind"');
  });

  it('keeps a schedule that a handler replaced while running', async () => {
    const { clock, scheduler } = testScheduler();
    scheduler.on('heartbeat', async (job) => {
      await scheduler.schedule({ id: job.id, at: at(60), kind: 'heartbeat', payload: null });
    });
    await scheduler.schedule({ id: 'h', at: at(0), kind: 'heartbeat', payload: null });

    await scheduler.runDue();
    expect(await scheduler.pending()).toMatchObject([{ id: 'h', at: at(60) }]);
    clock.advanceTo(at(60));
    expect((await scheduler.runDue()).succeeded).toEqual(['h']);
  });

  it('never runs a job twice when runs overlap', async () => {
    const { scheduler } = testScheduler();
    let calls = 0;
    scheduler.on('once', async () => void calls++);
    await scheduler.schedule({ id: 'o', at: at(0), kind: 'once', payload: null });

    await Promise.all([scheduler.runDue(), scheduler.runDue()]);
    expect(calls).toBe(1);
  });

  it('rejects a second handler for a kind and invalid jobs', async () => {
    const { scheduler } = testScheduler();
    expect(() => scheduler.on('session.timeout', async () => {})).toThrow(/already registered/);
    await expect(
      scheduler.schedule({ id: 'x', at: new Date('nope'), kind: 'k', payload: null }),
    ).rejects.toThrow(/valid date/);
  });

  it('runs jobs in real time once started, and stops on close', async () => {
    const scheduler = new LocalScheduler({ pollIntervalMs: 5 });
    const ran = new Promise<string>((resolve) => {
      scheduler.on('now', async (job) => resolve(job.id));
    });
    scheduler.start();
    await scheduler.schedule({ id: 'due-now', at: new Date(), kind: 'now', payload: null });

    await expect(ran).resolves.toBe('due-now');
    await scheduler.close();
    await expect(
      scheduler.schedule({ id: 'late', at: new Date(), kind: 'now', payload: null }),
    ).rejects.toThrow(/closed/);
  });
});

describe('InMemoryScheduleStore', () => {
  const job = (revision: string): ScheduledJob => ({
    id: 'j',
    kind: 'k',
    at: T0,
    payload: { nested: { n: 1 } },
    attempts: 0,
    revision,
  });

  it('writes and deletes conditionally on the revision', async () => {
    const store = new InMemoryScheduleStore();
    expect(await store.put(job('r1'))).toBe(true);
    expect(await store.put(job('r2'), 'other')).toBe(false);
    expect(await store.put(job('r2'), 'r1')).toBe(true);
    expect(await store.delete('j', 'r1')).toBe(false);
    expect(await store.delete('j', 'r2')).toBe(true);
    expect(await store.get('j')).toBeUndefined();
  });

  it('names the earliest time and lists only due jobs, earliest first', async () => {
    const store = new InMemoryScheduleStore();
    expect(await store.nextAt()).toBeUndefined();
    const at = (id: string, ms: number) => ({ ...job('r'), id, at: new Date(T0.getTime() + ms) });
    for (const [id, ms] of [
      ['late', 3000],
      ['soon', 1000],
      ['now', 0],
    ] as const)
      await store.put(at(id, ms));
    expect(await store.nextAt()).toEqual(T0);
    const due = await store.due(new Date(T0.getTime() + 1000));
    expect(due.map((j) => j.id)).toEqual(['now', 'soon']);
  });

  it('hands out copies, so callers cannot change what is stored', async () => {
    const store = new InMemoryScheduleStore();
    const original = job('r1');
    await store.put(original);
    (original.payload as { nested: { n: number } }).nested.n = 2;
    const read = await store.get('j');
    (read?.payload as { nested: { n: number } }).nested.n = 3;
    expect((await store.get('j'))?.payload).toEqual({ nested: { n: 1 } });
  });
});

describe('ManualClock', () => {
  it('moves forward only', () => {
    const clock = new ManualClock(T0);
    clock.advanceBy(1_000);
    expect(clock.now()).toEqual(at(1));
    expect(() => clock.advanceTo(T0)).toThrow(/cannot go back/);
  });
});

describe('DynamoScheduleStore', () => {
  it('keeps jobs in DynamoDB Local, so a store opened later (after a crash) finds them', async () => {
    const { db } = await useTestTables();
    const table = `scheduler-${randomUUID()}`;
    const first = await DynamoScheduleStore.open(db, table);
    const job = {
      id: 'deadline-1',
      kind: 'k',
      at: new Date(T0.getTime() + 60_000),
      payload: { session: 's1' },
      attempts: 0,
      revision: 'r1',
    };
    expect(await first.put(job)).toBe(true);
    expect(await first.put({ ...job, id: 'gone', revision: 'r9' })).toBe(true);
    expect(await first.delete('gone', 'r9')).toBe(true);
    // A conditional write against a stale revision changes nothing, in memory or in the table.
    expect(await first.put({ ...job, attempts: 3, revision: 'r2' }, 'stale')).toBe(false);

    const reopened = await DynamoScheduleStore.open(db, table);
    expect(await reopened.list()).toEqual([job]);
    expect(await reopened.nextAt()).toEqual(job.at);

    // The scheduler runs a job it finds on reopening and removes it from the table.
    const ran: unknown[] = [];
    const scheduler = new LocalScheduler({
      store: reopened,
      clock: new ManualClock(new Date(job.at.getTime() + 1)),
    });
    scheduler.on('k', async (j) => void ran.push(j.payload));
    expect((await scheduler.runDue()).succeeded).toEqual(['deadline-1']);
    expect(ran).toEqual([{ session: 's1' }]);
    expect(await (await DynamoScheduleStore.open(db, table)).list()).toEqual([]);
  });
});
