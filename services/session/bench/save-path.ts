// The answer save path on a whole in-memory local stack:
//   A. `PUT …/answers/{itemId}`, one request per answer (C candidates at once);
//   B. `POST …/sync`, one request with every answer of the form (C candidates at once);
//   C. the DynamoDB work alone, W writers at once for a few seconds: a save as it is now
//      (conditional PutItem + strongly consistent GetItem of the gate) against the transaction
//      it replaced (TransactWriteItems: ConditionCheck on the gate + Put).
//   pnpm exec tsx services/session/bench/save-path.ts [candidates=40] [concurrency=8] [writers=16]
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { startBenchStack } from '@assay/local';
import { dynamoClient } from '@assay/platform';
import { findBuiltin, type Item } from '@assay/playbooks';
import { generateAnswer, prng } from '../../../packages/cli/src/sim/synthetic-answers';
import { SessionStore } from '../src/store';

const candidates = Number(process.argv[2] ?? 40);
const concurrency = Number(process.argv[3] ?? 8);
const writers = Number(process.argv[4] ?? 16);
const playbook = findBuiltin('medical-billing-specialist')!;
const items = new Map<string, Item>(playbook.items.map((i) => [i.id, i]));
const random = prng(1);

const stack = await startBenchStack();
const call = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(new URL(path, stack.url), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};

const stats = (label: string, times: number[], extra = '') => {
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(
    `${label.padEnd(34)} n ${String(times.length).padStart(5)}  p50 ${at(0.5).toFixed(1)} ms  p99 ${at(0.99).toFixed(1)} ms  max ${times.at(-1)!.toFixed(1)} ms${extra}`,
  );
};

/** Runs `work` for each of `n` indexes, `width` at a time. */
async function pool(n: number, width: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

try {
  const key = stack.demo.apiKey;
  const asm = await call('POST', '/v1/assessments', key, {
    playbook: { id: 'medical-billing-specialist' },
  });
  const started = async () => {
    const inv = await call('POST', `/v1/assessments/${asm.id as string}/invitations`, key, {
      candidate: { name: 'Bench', email: 'bench@example.com' },
    });
    const token = inv.token as string;
    const s = await call('POST', `/v1/take/${token}/start`, token);
    const form = s.form as { items: { id: string }[] };
    const answers = form.items.flatMap(({ id }) => {
      const answer = generateAnswer(items.get(id)!, 'average', random);
      return answer ? [{ itemId: id, seq: 1, answer }] : [];
    });
    return { token, id: s.id as string, answers };
  };

  const forPut = await Promise.all(Array.from({ length: candidates }, started));
  const putTimes: number[] = [];
  let t0 = performance.now();
  await pool(candidates, concurrency, async (i) => {
    const c = forPut[i]!;
    for (const a of c.answers) {
      const start = performance.now();
      await call('PUT', `/v1/sessions/${c.id}/answers/${a.itemId}`, c.token, {
        seq: a.seq,
        answer: a.answer,
      });
      putTimes.push(performance.now() - start);
    }
  });
  const putSeconds = (performance.now() - t0) / 1000;
  stats(
    `A. PUT per answer (×${concurrency})`,
    putTimes,
    `  ${(putTimes.length / putSeconds).toFixed(0)} answers/s`,
  );

  const forSync = await Promise.all(Array.from({ length: candidates }, started));
  const syncTimes: number[] = [];
  let synced = 0;
  t0 = performance.now();
  await pool(candidates, concurrency, async (i) => {
    const c = forSync[i]!;
    const start = performance.now();
    await call('POST', `/v1/sessions/${c.id}/sync`, c.token, { answers: c.answers });
    syncTimes.push(performance.now() - start);
    synced += c.answers.length;
  });
  const syncSeconds = (performance.now() - t0) / 1000;
  stats(
    `B. sync, ${Math.round(synced / candidates)} answers a request (×${concurrency})`,
    syncTimes,
    `  ${(synced / syncSeconds).toFixed(0)} answers/s`,
  );

  // C. DynamoDB alone, on sessions started above (their gates exist and are open).
  const db = dynamoClient();
  const store = new SessionStore(db);
  const tenantId = stack.demo.tenantId;
  const targets = forPut.map((c) => c.id);
  const seconds = 4;
  const measure = async (
    label: string,
    save: (sessionId: string, seq: number) => Promise<void>,
  ) => {
    const times: number[] = [];
    let seq = 1_000;
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        while (performance.now() < end) {
          const start = performance.now();
          await save(targets[w % targets.length]!, seq++);
          times.push(performance.now() - start);
        }
      }),
    );
    stats(`${label} (×${writers})`, times, `  ${(times.length / seconds).toFixed(0)} saves/s`);
  };
  const answer = (seq: number) => ({
    itemId: 'bench-item',
    answer: { text: 'x'.repeat(400) },
    seq,
    savedAt: new Date().toISOString(),
  });
  await measure('C. put + gate read (now)', async (sessionId, seq) => {
    await store.putAnswer(tenantId, sessionId, answer(seq));
    await store.getGate(tenantId, sessionId);
  });
  await measure('C. transaction check + put (before)', async (sessionId, seq) => {
    const a = answer(seq);
    await db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: store.table,
              Key: marshall({ pk: `T#${tenantId}`, sk: `SES#${sessionId}#GATE` }),
              ConditionExpression: '#s = :open',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: marshall({ ':open': 'in-progress' }),
            },
          },
          {
            Put: {
              TableName: store.table,
              Item: marshall({
                pk: `T#${tenantId}`,
                sk: `SES#${sessionId}#ANS#${a.itemId}`,
                ...a,
                answer: JSON.stringify(a.answer),
              }),
              ConditionExpression: 'attribute_not_exists(pk) OR seq < :seq',
              ExpressionAttributeValues: marshall({ ':seq': a.seq }),
            },
          },
        ],
      }),
    );
  });
} finally {
  await stack.stop();
}
