import { startBenchStack } from '@assay/local';
import { dynamoClient } from '@assay/platform';
import { ScoringStore } from '@assay/service-scoring/store';
import { findBuiltin } from '@assay/playbooks';
import { parseCommandArgs } from '../args';
import { CliError } from '../cli-error';
import { percentile } from './percentiles';

const USAGE = 'assay bench slice [--publishes 200]';

/**
 * Publish → consumer recorded, on a fresh in-memory local stack: the time from sending
 * `POST /v1/playbooks/{id}/publish` until the version is in the scoring service's own table
 * (read through its store every millisecond, in-process, so the probe adds no HTTP load).
 */
export async function runSliceBench(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { publishes: { type: 'string', default: '200' } },
    USAGE,
  );
  const count = Number(values.publishes);
  if (!Number.isInteger(count) || count < 1 || count > 100_000)
    throw new CliError('--publishes must be 1–100000');
  const builtin = findBuiltin('medical-billing-specialist');
  if (!builtin) throw new CliError('the built-in playbook is missing', 1);

  console.log(`Starting an in-memory local stack…`);
  const stack = await startBenchStack();
  try {
    const headers = {
      authorization: `Bearer ${stack.demo.apiKey}`,
      'content-type': 'application/json',
    };
    const { id: _id, version: _v, ...content } = builtin;
    const created = await fetch(`${stack.url}/v1/playbooks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: 'bench-slice', title: 'Bench', content }),
    });
    if (created.status !== 201)
      throw new CliError(`creating the playbook answered ${created.status}`, 1);

    const scoring = new ScoringStore(dynamoClient());
    const endToEnd: number[] = [];
    const request: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const res = await fetch(`${stack.url}/v1/playbooks/bench-slice/publish`, {
        method: 'POST',
        headers,
      });
      request.push(performance.now() - t0);
      if (res.status !== 201) throw new CliError(`publish answered ${res.status}`, 1);
      const { version } = (await res.json()) as { version: string };
      while (!(await scoring.getRubric(stack.demo.tenantId, 'bench-slice', version))) {
        if (performance.now() - t0 > 30_000) {
          throw new CliError(`version ${version} was not recorded within 30 s`, 1);
        }
        await new Promise((r) => setTimeout(r, 1));
      }
      endToEnd.push(performance.now() - t0);
      if ((i + 1) % 50 === 0 || i + 1 === count)
        process.stdout.write(`\r  ${i + 1}/${count} publishes`);
    }
    process.stdout.write('\n');
    const recorded = (await scoring.listRubricVersions(stack.demo.tenantId, 'bench-slice')).length;
    if (recorded !== count)
      throw new CliError(`scoring recorded ${recorded} versions, expected ${count}`, 1);

    const fmt = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return `p50 ${percentile(s, 50).toFixed(1)} ms  p99 ${percentile(s, 99).toFixed(1)} ms  max ${s.at(-1)!.toFixed(1)} ms`;
    };
    console.log(`publish request (validate + hash + transaction)   ${fmt(request)}`);
    console.log(`publish → scoring recorded (outbox → bus → consumer) ${fmt(endToEnd)}`);
    console.log(`all ${count} versions recorded by scoring, none lost`);
    return 0;
  } finally {
    await stack.stop();
  }
}
