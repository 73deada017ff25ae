import { startBenchStack } from '@assay/local';
import { builtinPlaybooks } from '@assay/playbooks';
import { parseCommandArgs } from '../args';
import { CliError } from '../cli-error';
import { percentile } from './percentiles';

const USAGE = 'assay bench content [--publishes 200] [--reads 1000]';

/**
 * The content service on a fresh in-memory local stack, over HTTP: publish (validate + hash +
 * one transaction writing the version, the summary and the outbox event) and reads of a
 * published version (checked byte-identical every time), plus form draws.
 */
export async function runContentBench(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      publishes: { type: 'string', default: '200' },
      reads: { type: 'string', default: '1000' },
    },
    USAGE,
  );
  const publishes = count(values.publishes, '--publishes');
  const reads = count(values.reads, '--reads');
  const source = builtinPlaybooks[0];
  if (!source) throw new CliError('the built-in library is empty', 1);

  console.log('Starting an in-memory local stack…');
  const stack = await startBenchStack();
  try {
    const headers = {
      authorization: `Bearer ${stack.demo.apiKey}`,
      'content-type': 'application/json',
    };
    const call = async (method: string, path: string, body?: unknown) => {
      const t0 = performance.now();
      const res = await fetch(`${stack.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, text, ms: performance.now() - t0 };
    };
    const created = await call('POST', '/v1/playbooks', {
      cloneFrom: source.id,
      id: 'bench-content',
    });
    if (created.status !== 201) throw new CliError(`cloning answered ${created.status}`, 1);

    const publish: number[] = [];
    for (let i = 0; i < publishes; i++) {
      const res = await call('POST', '/v1/playbooks/bench-content/publish');
      if (res.status !== 201) throw new CliError(`publish answered ${res.status}: ${res.text}`, 1);
      publish.push(res.ms);
      progress('publishes', i + 1, publishes);
    }

    const read: number[] = [];
    const first = await call('GET', '/v1/playbooks/bench-content/versions/1.0.0');
    for (let i = 0; i < reads; i++) {
      const res = await call('GET', '/v1/playbooks/bench-content/versions/1.0.0');
      if (res.text !== first.text)
        throw new CliError('a published version read back differently', 1);
      read.push(res.ms);
      progress('reads', i + 1, reads);
    }

    const sampling = Object.fromEntries(source.sections.map((s) => [s.id, 1]));
    const forms: number[] = [];
    for (let i = 0; i < publishes; i++) {
      const res = await call('POST', '/v1/playbooks/bench-content/versions/1.0.0/forms', {
        seed: `bench-${i}`,
        sampling,
      });
      if (res.status !== 200) throw new CliError(`drawing a form answered ${res.status}`, 1);
      forms.push(res.ms);
      progress('form draws', i + 1, publishes);
    }

    const kb = (Buffer.byteLength(first.text) / 1024).toFixed(0);
    console.log(
      `publish (validate + hash + version, summary and outbox event in one transaction)  ${fmt(publish)}`,
    );
    console.log(
      `read of a published version (${kb} KB, byte-identical every time)              ${fmt(read)}`,
    );
    console.log(
      `form draw (one item per section, candidate view)                              ${fmt(forms)}`,
    );
    return 0;
  } finally {
    await stack.stop();
  }
}

function count(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new CliError(`${flag} must be 1–100000`);
  return n;
}

function progress(what: string, done: number, total: number): void {
  if (done % 100 === 0 || done === total) process.stdout.write(`\r  ${done}/${total} ${what}`);
  if (done === total) process.stdout.write('\n');
}

function fmt(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms  p99 ${percentile(s, 99).toFixed(1)} ms  max ${s.at(-1)!.toFixed(1)} ms`;
}
