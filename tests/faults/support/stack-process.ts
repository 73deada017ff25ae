// `assay start` as a child process in its own process group, so `kill -9` of the group takes
// the DynamoDB Local JVM (spawned by it, not detached) down in the same instant: a real crash.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');

export interface StackProcess {
  child: ChildProcess;
  url: string;
  dynamoEndpoint: string;
  apiKey: string;
  /** Everything it printed (its logs included). */
  output(): string;
  /** SIGKILL to the whole process group; resolves once the leader is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (a clean stop), then waits. */
  stop(): Promise<void>;
}

export async function startStackProcess(
  dataDir: string,
  port: number,
  timeoutMs = 90_000,
): Promise<StackProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'packages/cli/src/main.ts',
      'start',
      '--data',
      dataDir,
      '--port',
      `${port}`,
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  let out = '';
  const collect = (c: Buffer) => {
    out = (out + c.toString()).slice(-200_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + timeoutMs;
  while (!out.includes('Assay is running')) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`assay start exited early:\n${out.slice(-3000)}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`assay start not ready in ${timeoutMs} ms:\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stack = JSON.parse(readFileSync(join(dataDir, 'stack.json'), 'utf8')) as {
    url: string;
    dynamoEndpoint: string;
  };
  return {
    child,
    url: stack.url,
    dynamoEndpoint: stack.dynamoEndpoint,
    apiKey: readFileSync(join(dataDir, 'demo-api-key'), 'utf8').trim(),
    output: () => out,
    kill9: async () => {
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** True while something accepts connections on the URL's port (the JVM after a kill -9?). */
export async function listening(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}
