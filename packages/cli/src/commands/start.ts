import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalStack } from '@assay/local';
import { builtinPlaybooks } from '@assay/playbooks';
import { parseCommandArgs } from '../args';
import { CliError } from '../cli-error';
import { STACK_FILE } from '../registry';

const USAGE = 'assay start [--port 3000] [--data .assay] [--in-memory] [--exit-when-ready]';

/** Starts the whole platform locally and runs until interrupted. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      port: { type: 'string', default: process.env.ASSAY_PORT ?? '3000' },
      data: { type: 'string', default: '.assay' },
      'in-memory': { type: 'boolean', default: false },
      // Start, check /health, stop: a smoke test and the start-up benchmark.
      'exit-when-ready': { type: 'boolean', default: false },
    },
    USAGE,
  );
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be 0–65535, got ${values.port}`);
  const started = performance.now();
  const log = (line: string) => console.log(`  ${line}`);
  console.log('Starting the Assay local stack…');
  let stack;
  try {
    stack = await startLocalStack({
      port,
      dataDir: values['in-memory'] ? undefined : values.data,
      log,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/EADDRINUSE/.test(message))
      throw new CliError(`port ${port} is in use; pass --port <another> (or 0 for any)`, 1);
    throw new CliError(message, 1);
  }
  // Lets `assay tenant …` and `assay key …` find this stack while it runs.
  const stackFile = values['in-memory'] ? undefined : join(values.data, STACK_FILE);
  if (stackFile) {
    mkdirSync(values.data, { recursive: true });
    writeFileSync(
      stackFile,
      JSON.stringify({ url: stack.url, dynamoEndpoint: stack.dynamoEndpoint, stage: 'local' }),
    );
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // `assay demo` finds this stack through <data>/stack.json; an in-memory one it must be told.
  const demoArgs = values['in-memory']
    ? ` --url ${stack.url} --key ${stack.demo.apiKey}`
    : values.data === '.assay'
      ? ''
      : ` --data ${values.data}`;
  console.log(`
Assay is running (ready in ${seconds} s)
  API            ${stack.url}   (health: ${stack.url}/health, OpenAPI: ${stack.url}/v1/openapi.json)
  Demo tenant    ${stack.demo.tenantId}
  Demo API key   ${stack.demo.apiKey}
  Data           ${values['in-memory'] ? 'in memory (gone when stopped)' : values.data + '/'}
  Playbooks      ${builtinPlaybooks.map((p) => p.id).join(', ')} (built-in library)
  Event bus      PutEvents at ${stack.url} (AWS_ENDPOINT_URL_EVENTBRIDGE=${stack.url})

Try it:
  curl -s -H "Authorization: Bearer ${stack.demo.apiKey}" ${stack.url}/v1/playbooks
  pnpm --silent assay demo${demoArgs}   # a whole hiring round: 60 candidates, webhooks, reports

Ctrl-C stops it.`);
  if (values['exit-when-ready']) {
    const health = await fetch(`${stack.url}/health`);
    if (!health.ok) throw new CliError(`/health answered ${health.status}`, 1);
  } else {
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  }
  console.log('Stopping…');
  if (stackFile) rmSync(stackFile, { force: true });
  await stack.stop();
  return 0;
}
