// Submit → score.computed on a whole in-memory local stack, one session at a time: from the
// candidate's submit request to the scorecard (written in the transaction that queues
// score.computed) answering 200. Includes the outbox relay's 25 ms poll and the bus hop.
//   pnpm exec tsx services/scoring/bench/submit-latency.ts [sessions]
import { startBenchStack } from '@assay/local';

const sessions = Number(process.argv[2] ?? 50);
const stack = await startBenchStack();
const call = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(new URL(path, stack.url), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};
try {
  const key = stack.demo.apiKey;
  const asm = await call('POST', '/v1/assessments', key, {
    playbook: { id: 'medical-billing-specialist' },
  });
  const times: number[] = [];
  for (let i = 0; i < sessions; i++) {
    const inv = await call('POST', `/v1/assessments/${asm.json.id as string}/invitations`, key, {
      candidate: { name: 'Bench', email: 'bench@example.com' },
    });
    const token = inv.json.token as string;
    const started = await call('POST', `/v1/take/${token}/start`, token);
    const id = started.json.id as string;
    const start = performance.now();
    await call('POST', `/v1/sessions/${id}/submit`, token);
    while ((await call('GET', `/v1/sessions/${id}/scorecard`, key)).status !== 200) {
      await new Promise((done) => setTimeout(done, 5));
    }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(
    `submit → score.computed, ${sessions} sessions: p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`,
  );
} finally {
  await stack.stop();
}
