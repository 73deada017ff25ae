// Webhooks on a whole in-memory local stack with a receiver on 127.0.0.1:
// 1. submit → score.computed webhook received, one session at a time (outbox relay, bus,
//    scoring, reporting's fan-out and the signed POST all included);
// 2. deliveries/s: score.computed events put on the bus at once; each goes through reporting's
//    handler (fact, audit append, fan-out) to a signed POST recorded with its attempt.
//   pnpm exec tsx services/reporting/bench/webhooks.ts [sessions] [events]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { createEvent, scoreComputed } from '@assay/events';
import { startBenchStack } from '@assay/local';
import { claimWrites, dynamoClient } from '@assay/platform';

const sessions = Number(process.argv[2] ?? 50);
const events = Number(process.argv[3] ?? 400);
const waiting = new Map<string, () => void>();
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      data: { sessionId?: string };
    };
    res.writeHead(204).end();
    if (body.data.sessionId) waiting.get(body.data.sessionId)?.();
  });
});
await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
const stack = await startBenchStack();
const call = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(new URL(path, stack.url), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
const quantile = (times: number[], q: number) =>
  times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(0);
try {
  const key = stack.demo.apiKey;
  await call('POST', '/v1/webhooks/endpoints', key, {
    url: hook,
    types: ['score.computed'],
  });
  const asm = await call('POST', '/v1/assessments', key, {
    playbook: { id: 'medical-billing-specialist' },
  });
  const times: number[] = [];
  for (let i = 0; i < sessions; i++) {
    const inv = await call('POST', `/v1/assessments/${asm.json.id as string}/invitations`, key, {
      candidate: { name: 'Bench', email: 'bench@example.com' },
    });
    const token = inv.json.token as string;
    const id = (await call('POST', `/v1/take/${token}/start`, token)).json.id as string;
    const received = new Promise<void>((done) => waiting.set(id, done));
    const start = performance.now();
    await call('POST', `/v1/sessions/${id}/submit`, token);
    await received;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `submit → score.computed webhook received, ${sessions} sessions: p50 ${quantile(times, 0.5)} ms, p99 ${quantile(times, 0.99)} ms`,
  );

  // Throughput: score.computed events straight onto the bus, 10 per PutEvents, as fast as it takes them.
  const { ref, writes } = claimWrites(stack.demo.tenantId, JSON.stringify({ items: {} }));
  await dynamoClient().send(new TransactWriteItemsCommand({ TransactItems: writes }));
  let got = 0;
  const all = new Promise<void>((done) => {
    for (let i = 0; i < events; i++) waiting.set(`ses_bench${i}`, () => ++got === events && done());
  });
  const start = performance.now();
  for (let i = 0; i < events; i += 10) {
    stack.bus.putEvents(
      Array.from({ length: Math.min(10, events - i) }, (_, j) => ({
        Source: scoreComputed.source,
        DetailType: scoreComputed.type,
        Detail: JSON.stringify(
          createEvent(
            scoreComputed,
            { tenantId: stack.demo.tenantId, correlationId: 'bench' },
            {
              sessionId: `ses_bench${i + j}`,
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
      })),
    );
  }
  await all;
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `deliveries: ${events} score.computed events: ${(events / seconds).toFixed(0)} deliveries/s`,
  );
} finally {
  await stack.stop();
  receiver.close();
}
