import { describe, expect, it } from 'vitest';
import {
  entrySize,
  LocalEventBus,
  MAX_ENTRY_BYTES,
  PutEventsValidationError,
  UnsupportedPatternError,
  type BusLogEntry,
  type BusRule,
  type EventBridgeEvent,
  type LocalEventBusOptions,
  type PutEventsRequestEntry,
} from '../src/bus/index';

const published = { source: ['assay.content'], 'detail-type': ['playbook.published'] };

const entry = (detail: object = { playbookId: 'p-1' }): PutEventsRequestEntry => ({
  Source: 'assay.content',
  DetailType: 'playbook.published',
  Detail: JSON.stringify(detail),
});

/** A target that records what it receives. */
function recorder() {
  const received: EventBridgeEvent[] = [];
  return { received, target: async (event: EventBridgeEvent) => void received.push(event) };
}

/** A bus whose retries do not wait: sleeping only advances a fake clock. */
function testBus(rules: BusRule[], options: Partial<LocalEventBusOptions> = {}) {
  const clock = { ms: Date.parse('2025-03-01T12:00:00.000Z') };
  const delays: number[] = [];
  const logs: BusLogEntry[] = [];
  const bus = new LocalEventBus({
    rules,
    now: () => new Date(clock.ms),
    sleep: async (ms) => {
      delays.push(ms);
      clock.ms += ms;
    },
    random: () => 0.5,
    log: (e) => logs.push(e),
    ...options,
  });
  return { bus, clock, delays, logs };
}

describe('LocalEventBus delivery', () => {
  it('fans an event out to every matching rule, in the AWS event shape', async () => {
    const scoring = recorder();
    const reporting = recorder();
    const { bus } = testBus([
      { name: 'scoring', pattern: published, target: scoring.target },
      { name: 'reporting', pattern: { source: ['assay.content'] }, target: reporting.target },
    ]);

    const result = bus.putEvents([{ ...entry(), Resources: ['arn:aws:events:::x'] }]);
    await bus.idle();

    expect(result.FailedEntryCount).toBe(0);
    const [first] = result.Entries;
    expect(first).toEqual({ EventId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const expected = {
      version: '0',
      id: (first as { EventId: string }).EventId,
      'detail-type': 'playbook.published',
      source: 'assay.content',
      account: '000000000000',
      time: '2025-03-01T12:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:::x'],
      detail: { playbookId: 'p-1' },
    };
    expect(scoring.received).toEqual([expected]);
    expect(reporting.received).toEqual([expected]);
    expect(bus.stats()).toMatchObject({ published: 1, delivered: 2 });
  });

  it('does not deliver an event no rule matches', async () => {
    const scoring = recorder();
    const { bus, logs } = testBus([
      { name: 'scoring', pattern: published, target: scoring.target },
    ]);

    bus.putEvents([{ ...entry(), DetailType: 'playbook.archived' }]);
    await bus.idle();

    expect(scoring.received).toEqual([]);
    expect(bus.stats()).toMatchObject({ published: 1, delivered: 0 });
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'debug', message: 'no rule matched' }),
    );
  });

  it('routes on detail content with the full pattern language', async () => {
    const large = recorder();
    const { bus } = testBus([
      {
        name: 'large-scores',
        pattern: { ...published, detail: { data: { score: [{ numeric: ['>=', 80] }] } } },
        target: large.target,
      },
    ]);

    bus.putEvents([entry({ data: { score: 79 } }), entry({ data: { score: 91 } })]);
    await bus.idle();

    expect(large.received.map((e) => e.detail)).toEqual([{ data: { score: 91 } }]);
  });

  it('uses the entry’s Time when given', async () => {
    const scoring = recorder();
    const { bus } = testBus([{ name: 'scoring', pattern: published, target: scoring.target }]);

    bus.putEvents([{ ...entry(), Time: new Date('2024-12-31T23:59:59.999Z') }]);
    await bus.idle();

    expect(scoring.received[0]?.time).toBe('2024-12-31T23:59:59Z');
  });

  it('gives each target its own copy of the event', async () => {
    const second = recorder();
    const { bus } = testBus([
      {
        name: 'mutates',
        pattern: published,
        target: async (event) => {
          (event.detail as { playbookId: string }).playbookId = 'changed';
        },
      },
      { name: 'reads', pattern: published, target: second.target },
    ]);

    bus.putEvents([entry()]);
    await bus.idle();

    expect(second.received[0]?.detail).toEqual({ playbookId: 'p-1' });
  });

  it('delivers first attempts to a rule in the order of sequential puts', async () => {
    const order: number[] = [];
    const { bus } = testBus([
      {
        name: 'ordered',
        pattern: published,
        target: async (event) => {
          const { seq } = event.detail as { seq: number };
          // Later events finish their await sooner; delivery must still be in put order.
          for (let i = 0; i < 20 - seq; i++) await new Promise((r) => setImmediate(r));
          order.push(seq);
        },
      },
    ]);

    for (let seq = 0; seq < 20; seq++) bus.putEvents([entry({ seq })]);
    await bus.idle();

    expect(order).toEqual([...Array(20).keys()]);
  });
});

describe('LocalEventBus retries and dead letters', () => {
  it('retries a target that throws twice, with growing jittered backoff, and delivers once', async () => {
    let calls = 0;
    const delivered: string[] = [];
    const { bus, delays } = testBus([
      {
        name: 'flaky',
        pattern: published,
        target: async (event) => {
          calls++;
          if (calls <= 2) throw new Error(`boom ${calls}`);
          delivered.push(event.id);
        },
      },
    ]);

    const [result] = bus.putEvents([entry()]).Entries;
    await bus.idle();

    expect(delivered).toEqual([(result as { EventId: string }).EventId]);
    expect(calls).toBe(3);
    // Base 50 ms doubling; with random() = 0.5 each delay is 3/4 of its ceiling.
    expect(delays).toEqual([37.5, 75]);
    expect(bus.stats()).toMatchObject({ delivered: 1, retried: 2, deadLettered: 0 });
    expect(bus.deadLetters()).toEqual([]);
  });

  it('dead-letters a target that always throws, and redrives it', async () => {
    let healthy = false;
    const delivered: EventBridgeEvent[] = [];
    const { bus, logs } = testBus([
      {
        name: 'broken',
        pattern: published,
        target: async (event) => {
          if (!healthy) throw new Error('database unavailable');
          delivered.push(event);
        },
      },
    ]);

    bus.putEvents([entry()]);
    await bus.idle();

    const [letter, ...others] = bus.deadLetters();
    expect(others).toEqual([]);
    expect(letter).toMatchObject({
      ruleName: 'broken',
      errorMessage: 'database unavailable',
      attempts: 4,
      deadLetteredAt: expect.any(String),
      event: { source: 'assay.content', detail: { playbookId: 'p-1' } },
    });
    expect(bus.stats()).toMatchObject({ retried: 3, deadLettered: 1, delivered: 0 });
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        ruleName: 'broken',
        error: 'database unavailable',
      }),
    );

    healthy = true;
    bus.redrive(letter?.id ?? '');
    await bus.idle();

    expect(delivered.map((e) => e.id)).toEqual([letter?.event.id]);
    expect(bus.deadLetters()).toEqual([]);
    expect(() => bus.redrive(letter?.id ?? '')).toThrow(/No dead letter/);
  });

  it('honours maximumRetryAttempts of a rule', async () => {
    const { bus } = testBus([
      {
        name: 'no-retries',
        pattern: published,
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 },
        target: async () => Promise.reject(new Error('nope')),
      },
    ]);

    bus.putEvents([entry()]);
    await bus.idle();

    expect(bus.deadLetters()).toMatchObject([{ attempts: 1, errorMessage: 'nope' }]);
  });

  it('stops retrying when the next attempt would exceed maximumEventAgeSeconds', async () => {
    const { bus, delays } = testBus(
      [
        {
          name: 'aged',
          pattern: published,
          retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 60 },
          target: async () => Promise.reject(new Error('down')),
        },
      ],
      { backoff: { baseDelayMs: 50_000, maxDelayMs: 50_000 }, random: () => 1 },
    );

    bus.putEvents([entry()]);
    await bus.idle();

    // One retry at 50 s; the next would land at 100 s, past the 60 s age limit.
    expect(delays).toEqual([50_000]);
    expect(bus.deadLetters()).toMatchObject([{ attempts: 2 }]);
  });

  it('keeps later events of a rule flowing while one event waits for its retry', async () => {
    const seen: string[] = [];
    let releaseRetry = () => {};
    const retryGate = new Promise<void>((resolve) => (releaseRetry = resolve));
    const bus = new LocalEventBus({
      rules: [
        {
          name: 'rule',
          pattern: published,
          target: async (event) => {
            const { n } = event.detail as { n: string };
            if (n === 'first' && !seen.includes('first-failed')) {
              seen.push('first-failed');
              throw new Error('transient');
            }
            seen.push(n);
          },
        },
      ],
      sleep: () => retryGate,
    });

    bus.putEvents([entry({ n: 'first' }), entry({ n: 'second' })]);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['first-failed', 'second']);

    releaseRetry();
    await bus.idle();
    expect(seen).toEqual(['first-failed', 'second', 'first']);
  });
});

describe('LocalEventBus.putEvents validation', () => {
  const { bus } = testBus([
    { name: 'any', pattern: { source: [{ prefix: '' }] }, target: async () => {} },
  ]);
  const invalid = (message: string) => ({ ErrorCode: 'InvalidArgument', ErrorMessage: message });

  it.each([
    ['Source', { ...entry(), Source: undefined }],
    ['DetailType', { ...entry(), DetailType: '' }],
    ['Detail', { ...entry(), Detail: undefined }],
  ])('rejects an entry without %s', (field, bad) => {
    expect(bus.putEvents([bad]).Entries).toEqual([
      invalid(`Parameter ${field} is not valid. Reason: ${field} is a required argument.`),
    ]);
  });

  it.each(['not json', '[1,2]', '"text"', '42', 'null'])(
    'rejects Detail %s as malformed',
    (Detail) => {
      expect(bus.putEvents([{ ...entry(), Detail }]).Entries).toEqual([
        { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      ]);
    },
  );

  it('rejects an entry over 256 KB and accepts one of exactly 256 KB', () => {
    const sized = (bytes: number) => {
      const base = { ...entry({ pad: '' }), Time: new Date() };
      const pad = 'x'.repeat(bytes - entrySize(base));
      return { ...base, Detail: JSON.stringify({ pad }) };
    };
    expect(entrySize(sized(MAX_ENTRY_BYTES))).toBe(MAX_ENTRY_BYTES);
    const [atLimit, overLimit] = bus.putEvents([
      sized(MAX_ENTRY_BYTES),
      sized(MAX_ENTRY_BYTES + 1),
    ]).Entries;
    expect(atLimit).toHaveProperty('EventId');
    expect(overLimit).toEqual(
      invalid(`Entry size 262145 bytes exceeds the limit of 262144 bytes.`),
    );
  });

  it('counts the UTF-8 bytes of an entry as AWS documents', () => {
    const size = entrySize({
      Source: 'é',
      DetailType: 'a',
      Detail: '{}',
      Resources: ['r1', 'r2'],
      Time: new Date(),
    });
    expect(size).toBe(14 + 2 + 1 + 2 + 4);
  });

  it('accepts its own bus by name or ARN and rejects another bus', () => {
    const arn = 'arn:aws:events:us-east-1:000000000000:event-bus/default';
    expect(bus.putEvents([{ ...entry(), EventBusName: arn }]).Entries[0]).toHaveProperty('EventId');
    expect(bus.putEvents([{ ...entry(), EventBusName: 'default' }]).Entries[0]).toHaveProperty(
      'EventId',
    );
    expect(bus.putEvents([{ ...entry(), EventBusName: 'other' }]).Entries).toEqual([
      invalid('Event bus other does not exist.'),
    ]);
  });

  it('reports failures per entry and still accepts the valid ones', () => {
    const before = bus.stats();
    const result = bus.putEvents([entry(), { ...entry(), Detail: '[]' }, entry()]);
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries.map((e) => 'EventId' in e)).toEqual([true, false, true]);
    expect(bus.stats().published - before.published).toBe(2);
    expect(bus.stats().rejected - before.rejected).toBe(1);
  });

  it.each([0, 11])('rejects a request of %i entries as a whole', (count) => {
    expect(() => bus.putEvents(Array.from({ length: count }, () => entry()))).toThrow(
      PutEventsValidationError,
    );
  });
});

describe('LocalEventBus construction and shutdown', () => {
  it('fails at construction on a pattern it cannot honour, naming the rule', () => {
    const make = () =>
      new LocalEventBus({
        rules: [
          {
            name: 'by-ip',
            pattern: { detail: { ip: [{ cidr: '10.0.0.0/8' }] } },
            target: async () => {},
          },
        ],
      });
    expect(make).toThrow(UnsupportedPatternError);
    expect(make).toThrow(
      /Rule "by-ip": Unsupported event pattern operator "cidr" \(at detail.ip\[0\].cidr\)/,
    );
  });

  it('rejects duplicate rule names and retry policies AWS would refuse', () => {
    const rule = { name: 'r', pattern: published, target: async () => {} };
    expect(() => new LocalEventBus({ rules: [rule, rule] })).toThrow(/Duplicate rule name "r"/);
    expect(
      () =>
        new LocalEventBus({
          rules: [
            { ...rule, retryPolicy: { maximumRetryAttempts: 186, maximumEventAgeSeconds: 60 } },
          ],
        }),
    ).toThrow(/maximumRetryAttempts/);
    expect(
      () =>
        new LocalEventBus({
          rules: [
            { ...rule, retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 59 } },
          ],
        }),
    ).toThrow(/maximumEventAgeSeconds/);
  });

  it('close() waits for deliveries in flight and refuses new puts', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const done: string[] = [];
    const { bus } = testBus([
      {
        name: 'slow',
        pattern: published,
        target: async (event) => {
          await gate;
          done.push(event.id);
        },
      },
    ]);
    bus.putEvents([entry()]);

    const closed = bus.close();
    expect(() => bus.putEvents([entry()])).toThrow(/closed/);
    release();
    await closed;

    expect(done).toHaveLength(1);
  });
});
