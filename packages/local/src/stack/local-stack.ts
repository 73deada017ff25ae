import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import type { EventBridgeEvent as LambdaEventBridgeEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  dynamoClient,
  localEndpoint,
  resetDynamoClient,
  TenantRegistry,
  tableName,
} from '@assay/platform';
import { allTables, serviceDir } from '@assay/manifests';
import { DEAD_LETTER_FILE, LocalEventBus, createPutEventsHandler, type BusRule } from '../bus';
import {
  DynamoScheduleStore,
  LocalScheduler,
  systemClock,
  type SchedulerClock,
} from '../scheduler';
import { createTables } from '../dynamodb/create-tables';
import { freePort, startDynamoDbLocal, type DynamoDbLocal } from '../dynamodb/dynamodb-local';
import { createHttpHost, listen } from '../http/http-host';
import { OutboxRelay, type Publish } from '../streams/outbox-relay';
import {
  meterBus,
  meterDynamoClient,
  meterPipe,
  meterServices,
  meterStreamsClient,
  type CostMeter,
} from '../metering';
import { candidateApp } from './candidate-app';
import { ensureDemoTenant } from './demo-tenant';
import { loadServices, type LoadedService } from './load-services';
import { schedulerApi, type LocalFunctions } from './scheduler-api';

export interface LocalStackOptions {
  /** Persist everything under this folder (`.assay` by default in `assay start`); omit for in memory. */
  dataDir?: string;
  /** Use an already running DynamoDB Local instead of starting one (tests share one). */
  dynamoEndpoint?: string;
  /** HTTP port; 0 picks a free one. */
  port?: number;
  /** Table name stage; tests use a unique one per file to share a DynamoDB Local. */
  stage?: string;
  log?: (line: string) => void;
  /** The scheduler's clock (a ManualClock lets tests compress webhook retry schedules). */
  clock?: SchedulerClock;
  /** Counts billable work (`assay bench cost`); unset, nothing is metered. */
  meter?: CostMeter;
}

export interface LocalStack {
  url: string;
  dynamoEndpoint: string;
  demo: { tenantId: string; apiKey: string };
  bus: LocalEventBus;
  relay: OutboxRelay;
  scheduler: LocalScheduler;
  services: LoadedService[];
  /** Waits until every outbox item written so far has been relayed and delivered. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole platform on one machine: DynamoDB Local, the tables every manifest declares, each
 * service's handlers behind one HTTP server, the event bus with the manifests' rules, the
 * outbox relay and the scheduler.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  process.env.ASSAY_STAGE = options.stage ?? process.env.ASSAY_STAGE ?? 'local';
  process.env.AWS_REGION ??= 'us-east-1';
  // The region API keys are minted for (`ak_local_…`); deployed stacks use their AWS region.
  process.env.ASSAY_REGION ??= 'local';
  // Webhooks may go to plain http on loopback here (https and public addresses only in AWS).
  process.env.ASSAY_WEBHOOKS_MODE = 'local';
  // Stored secrets are sealed with a key file beside the data (KMS in AWS); in memory without.
  if (dataDir) process.env.ASSAY_SEALING_KEY_FILE = join(dataDir, 'secrets.key');
  else delete process.env.ASSAY_SEALING_KEY_FILE;

  let endpoint = options.dynamoEndpoint;
  let starting: Promise<DynamoDbLocal> | undefined;
  if (!endpoint) {
    // Pick the port first so the JVM's start-up overlaps with loading the service modules.
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    starting = startDynamoDbLocal({
      port,
      dataDir: dataDir ? join(dataDir, 'dynamodb') : undefined,
    });
    // Never leave a rejected start unobserved while the modules load.
    starting.catch(() => undefined);
  }
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  resetDynamoClient();
  const { meter } = options;
  if (meter) meterDynamoClient(dynamoClient(), meter);
  let dynamo: DynamoDbLocal | undefined;
  try {
    const modules = await loadServices();
    const loaded = meter ? meterServices(modules, meter) : modules;
    dynamo = await starting;
    if (dynamo) {
      log(
        `DynamoDB Local on ${endpoint} (${dataDir ? `data in ${join(dataDir, 'dynamodb')}` : 'in memory'})`,
      );
    }
    return await startServices(endpoint, loaded, dynamo, dataDir, options, log);
  } catch (err) {
    // A stack that failed half-way must not leave the emulator running behind it.
    await (dynamo ?? (await starting?.catch(() => undefined)))?.stop();
    throw err;
  }
}

async function startServices(
  endpoint: string,
  loaded: LoadedService[],
  dynamo: DynamoDbLocal | undefined,
  dataDir: string | undefined,
  options: LocalStackOptions,
  log: (line: string) => void,
): Promise<LocalStack> {
  const db = dynamoClient();
  await createTables(db, allTables);

  const bus = new LocalEventBus({
    rules: busRules(loaded),
    log: (e) =>
      e.level !== 'debug' && log(`bus: ${e.ruleName ? `${e.ruleName}: ` : ''}${e.message}`),
    // Survives restarts and crashes; `assay dlq list` reads it.
    deadLetterFile: dataDir ? join(dataDir, DEAD_LETTER_FILE) : undefined,
  });
  const clock = options.clock ?? systemClock;
  if (options.meter) meterBus(bus, options.meter);
  // With a data folder, deadlines and webhook retries booked before a crash still run after it.
  // Its own client: schedules are not DynamoDB work in AWS, so a metered stack must not count them.
  const scheduleDb = dataDir
    ? new DynamoDBClient(localEndpoint('AWS_ENDPOINT_URL_DYNAMODB'))
    : undefined;
  const scheduler = new LocalScheduler({
    clock,
    onActivity: options.meter?.scheduleActivity,
    store: scheduleDb && (await DynamoScheduleStore.open(scheduleDb)),
  });
  scheduler.start();
  // Handlers that keep time (webhook retries) read this clock, so tests can compress hours.
  if (options.clock) (globalThis as Record<symbol, unknown>)[STACK_CLOCK] = options.clock;
  log('webhooks: local mode, plain http allowed to loopback only (https to public hosts in AWS)');
  const putEvents = createPutEventsHandler(bus);
  // Services' SchedulerClients talk to this stack: session deadlines put events on the bus, and
  // later webhook attempts invoke reporting's events handler, as the function would be in AWS.
  const schedules = schedulerApi(scheduler, bus, localFunctions(loaded));
  const session = loaded.find((s) => s.manifest.name === 'session');
  const candidatePages = session && candidateApp(join(serviceDir(session.manifest), 'web'));
  const server: Server = createHttpHost({
    onRequest: options.meter?.apiRequest,
    services: loaded.flatMap((s) => (s.http ? [{ manifest: s.manifest, http: s.http }] : [])),
    // The AWS SDK's PutEvents posts to "/" with an X-Amz-Target header: the bus answers it.
    intercept: (req, res) => {
      if (schedules(req, res) || candidatePages?.(req, res)) return true;
      if (req.method !== 'POST' || req.url !== '/' || !req.headers['x-amz-target']) return false;
      putEvents(req, res);
      return true;
    },
  });
  const metered = (publish: Publish) =>
    options.meter ? meterPipe(options.meter, publish) : publish;
  const relay = new OutboxRelay(db, {
    endpoint,
    tables: allTables.filter((t) => t.outbox).map((t) => tableName(t)),
    checkpointFile: dataDir ? join(dataDir, 'outbox-checkpoints.json') : undefined,
    instrumentStreams: (client) => options.meter && meterStreamsClient(client, options.meter),
    publish: metered(async (entries) => {
      const ids: string[] = [];
      // PutEvents takes at most 10 entries, in AWS and here.
      for (let i = 0; i < entries.length; i += 10) {
        const result = bus.putEvents(
          entries.slice(i, i + 10).map((e) => ({
            Source: e.source,
            DetailType: e.detailType,
            Detail: JSON.stringify(e.detail),
          })),
        );
        if (result.FailedEntryCount > 0) {
          throw new Error(`the bus refused outbox entries: ${JSON.stringify(result.Entries)}`);
        }
        for (const entry of result.Entries) if ('EventId' in entry) ids.push(entry.EventId);
      }
      // The relay checkpoints when this resolves: only once every target handled the events
      // (the bus is in memory, so an event still queued there is lost in a crash).
      await bus.settled(ids);
    }),
    onError: (err) => log(`outbox relay: ${err instanceof Error ? err.message : String(err)}`),
  });
  relay.start();

  const demo = await ensureDemoTenant(new TenantRegistry(db), dataDir);
  // Listen last: once /health answers, everything behind it is ready.
  const url = await listen(server, options.port ?? 0);
  // Handlers read these on first use: the scheduler client's endpoint and the links' base.
  process.env.AWS_ENDPOINT_URL_SCHEDULER = url;
  process.env.ASSAY_CANDIDATE_APP_URL = url;

  return {
    url,
    dynamoEndpoint: endpoint,
    demo,
    bus,
    relay,
    scheduler,
    services: loaded,
    settle: async () => {
      // Twice: a delivery can write new outbox items that need one more relay pass.
      for (let i = 0; i < 2; i++) {
        await relay.pollOnce();
        await bus.idle();
      }
    },
    stop: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      // Close the bus first: it then gives up retries that wait out an outage (this server is
      // gone), and the relay does not checkpoint those events, so the next start re-publishes.
      const busClosed = bus.close();
      await relay.stop();
      await busClosed;
      await scheduler.close();
      scheduleDb?.destroy();
      if ((globalThis as Record<symbol, unknown>)[STACK_CLOCK] === options.clock)
        delete (globalThis as Record<symbol, unknown>)[STACK_CLOCK];
      resetDynamoClient();
      await dynamo?.stop();
    },
  };
}

/** The clock handlers read (see services/reporting/src/webhooks/runtime.ts). */
const STACK_CLOCK = Symbol.for('assay.clock');

/** Each events handler under its function name in AWS, for schedules that invoke it. */
function localFunctions(loaded: LoadedService[]): LocalFunctions {
  const stage = process.env.ASSAY_STAGE ?? 'local';
  return new Map(
    loaded.flatMap(({ manifest, events }) =>
      events
        ? [
            [
              `assay-${stage}-${manifest.name}-events`,
              (input: unknown) =>
                events(input as unknown as LambdaEventBridgeEvent<string, unknown>),
            ] as const,
          ]
        : [],
    ),
  );
}

/** One bus rule per manifest subscription, targeting the subscribing service's event handler. */
function busRules(loaded: LoadedService[]): BusRule[] {
  return loaded.flatMap(({ manifest, events }) =>
    manifest.subscribes.map((sub) => {
      if (!events)
        throw new Error(
          `${manifest.name} subscribes to ${sub.event.type} but declares no events handler`,
        );
      return {
        name: `${manifest.name}.${sub.handler}`,
        pattern: sub.event.pattern,
        target: (event) => events(event as unknown as LambdaEventBridgeEvent<string, unknown>),
      } satisfies BusRule;
    }),
  );
}
