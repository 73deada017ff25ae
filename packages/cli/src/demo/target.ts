// Which stack the demo runs against: the one named on the command line, the local stack
// `assay start` is running (found through .assay/stack.json), or else an in-memory stack
// started inside the demo process. Loopback only: the demo creates data and opens a receiver.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../cli-error';
import { STACK_FILE } from '../registry';

export interface DemoTarget {
  url: string;
  apiKey: string;
  /** One line saying which stack this is. */
  description: string;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function assertLoopback(url: string, option = '--url'): void {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new CliError(`${option} is not a URL: ${url}`);
  }
  if (!LOOPBACK.has(host))
    throw new CliError(
      `${option} must be a loopback address (127.0.0.1 or localhost), got ${host}`,
    );
}

function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(1500) });
    return res.ok;
  } catch {
    return false;
  }
}

function readJson(file: string): { url?: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { url?: string };
  } catch {
    return undefined;
  }
}

function readKey(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function resolveTarget(options: {
  url?: string;
  key?: string;
  dataDir: string;
  inMemory: boolean;
  /** For the in-process stack: an already running DynamoDB Local (tests share one). */
  dynamoEndpoint?: string;
}): Promise<DemoTarget> {
  if (options.url !== undefined || options.key !== undefined) {
    if (!options.url || !options.key) throw new CliError('--url and --key go together');
    assertLoopback(options.url);
    if (!(await healthy(options.url)))
      throw new CliError(`nothing answers ${options.url}/health; is the stack running?`, 1);
    return {
      url: options.url.replace(/\/$/, ''),
      apiKey: options.key,
      description: `Using the stack at ${options.url}`,
      stop: async () => undefined,
    };
  }
  let why = 'Started';
  if (!options.inMemory) {
    const stackFile = join(options.dataDir, STACK_FILE);
    const recorded = readJson(stackFile)?.url;
    const key = readKey(join(options.dataDir, 'demo-api-key'));
    if (recorded && isLoopbackUrl(recorded) && (await healthy(recorded))) {
      if (key) {
        return {
          url: recorded,
          apiKey: key,
          description: `Using the running local stack at ${recorded} (demo tenant; found through ${stackFile})`,
          stop: async () => undefined,
        };
      }
      why = `The stack at ${recorded} has no demo key in ${options.dataDir}/; started`;
    } else {
      why = 'No local stack is running; started';
    }
  }
  // The services log every request as JSON; in the demo's own output only errors belong.
  process.env.ASSAY_LOG_LEVEL ??= 'ERROR';
  // Loaded only here: the stack pulls in every service and DynamoDB Local.
  const { startLocalStack } = await import('@assay/local');
  const started = performance.now();
  const stack = await startLocalStack({ port: 0, dynamoEndpoint: options.dynamoEndpoint });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return {
    url: stack.url,
    apiKey: stack.demo.apiKey,
    description: `${why} an in-memory stack in this process at ${stack.url} (${seconds} s; gone when the demo ends)`,
    stop: () => stack.stop(),
  };
}
