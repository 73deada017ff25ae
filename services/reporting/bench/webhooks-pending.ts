// Memory while many webhook deliveries wait for their retry: N score.computed events go to one
// endpoint whose receiver answers 503, every first attempt fails, and each delivery books its
// next attempt through the Scheduler API (SDK → the local stack's shim → LocalScheduler). The
// stack's clock is frozen, so nothing retries while we measure; the stack runs in this process.
// Spread over several tenants: reporting's audit append is serial per tenant by design.
//   node --expose-gc --import tsx services/reporting/bench/webhooks-pending.ts [deliveries] [tenants]
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { createEvent, scoreComputed } from '@assay/events';
import { ManualClock, startLocalStack } from '@assay/local';
import { claimWrites, dynamoClient, TenantRegistry } from '@assay/platform';

const deliveries = Number(process.argv[2] ?? 10_000);
const tenantCount = Number(process.argv[3] ?? 20);
process.env.ASSAY_LOG_LEVEL ??= 'WARN';
process.env.ASSAY_RATE_LIMIT_RPS ??= 'off';

let received = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.writeHead(503).end('down for maintenance');
  });
});
await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;
function memory() {
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}
/** RSS of this process's DynamoDB Local JVM (a child process), from /proc. */
function dynamoRss(): number | undefined {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (ppid === process.pid && cmd.includes('DynamoDBLocal')) {
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
        return Number(kb) * 1024;
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

const stack = await startLocalStack({ port: 0, clock: new ManualClock(new Date()) });
const call = async (key: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(new URL(path, stack.url), {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
};
try {
  const registry = new TenantRegistry(dynamoClient());
  const tenants: { tenantId: string; key: string; ref: ReturnType<typeof claimWrites>['ref'] }[] =
    [];
  for (let t = 0; t < tenantCount; t++) {
    const { tenantId } = await registry.createTenant(`Bench ${t}`);
    const { apiKey: key } = await registry.createApiKey(tenantId, ['admin']);
    await call(key, 'POST', '/v1/webhooks/endpoints', { url: hook, types: ['score.computed'] });
    const { ref, writes } = claimWrites(tenantId, JSON.stringify({ items: {} }));
    await dynamoClient().send(new TransactWriteItemsCommand({ TransactItems: writes }));
    tenants.push({ tenantId, key, ref });
  }
  const before = memory();
  const started = performance.now();
  // Progress for long runs: first attempts so far, bookings held, memory.
  const progress = setInterval(() => {
    void stack.scheduler.pending().then((jobs) => {
      const { rss, heapUsed } = memory();
      console.log(
        `… ${((performance.now() - started) / 1000).toFixed(0)} s: ${received} first attempts, ${jobs.length} schedules; RSS ${mb(rss)}, heap used ${mb(heapUsed)}`,
      );
    });
  }, 60_000);
  for (let i = 0; i < deliveries; i += 10) {
    stack.bus.putEvents(
      Array.from({ length: Math.min(10, deliveries - i) }, (_, j) => {
        const { tenantId, ref } = tenants[(i + j) % tenants.length]!;
        return {
          Source: scoreComputed.source,
          DetailType: scoreComputed.type,
          Detail: JSON.stringify(
            createEvent(
              scoreComputed,
              { tenantId, correlationId: 'bench' },
              {
                sessionId: `ses_pending${i + j}`,
                assessmentId: 'asm_bench',
                scorecardId: `scd_${i + j}`,
                revision: 0,
                playbook: { id: 'bench', version: '1.0.0', hash: `sha256:${'a'.repeat(64)}` },
                total: 70,
                band: 'proceed',
                sections: {},
                redFlags: [],
                scorecardRef: ref,
                scoredAt: new Date().toISOString(),
              },
            ),
          ),
        };
      }),
    );
  }
  await stack.bus.idle();
  clearInterval(progress);
  const seconds = (performance.now() - started) / 1000;
  const scheduled = (await stack.scheduler.pending()).filter(
    (job) => job.kind === 'scheduled-invoke',
  ).length;
  let pendingInTable = 0;
  for (const { key } of tenants) {
    let cursor: string | undefined;
    do {
      const page = (await call(
        key,
        'GET',
        `/v1/webhooks/deliveries?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )) as { items: { status: string; attempts: number }[]; cursor?: string };
      pendingInTable += page.items.filter((d) => d.status === 'pending' && d.attempts === 1).length;
      cursor = page.cursor;
    } while (cursor);
  }
  const after = memory();
  const jvm = dynamoRss();
  console.log(
    [
      `${deliveries} deliveries (${tenantCount} tenants) to a 503 receiver: ${received} first attempts failed in ${seconds.toFixed(1)} s`,
      `pending: ${scheduled} retry schedules in the scheduler, ${pendingInTable} pending deliveries (1 attempt) in the table`,
      `stack process (Node, in-memory scheduler): RSS ${mb(before.rss)} → ${mb(after.rss)}, heap used ${mb(before.heapUsed)} → ${mb(after.heapUsed)} (+${((after.heapUsed - before.heapUsed) / deliveries).toFixed(0)} B per pending delivery)${gc ? '' : ' [run with --expose-gc for settled heap figures]'}`,
      jvm ? `DynamoDB Local (JVM, separate process): RSS ${mb(jvm)}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
} finally {
  await stack.stop();
  receiver.close();
}
