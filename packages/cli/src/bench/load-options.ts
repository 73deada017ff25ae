// Options of `assay bench load`: profiles, hard caps and the loopback-only rule, each refused in
// one line (exit 2) before anything starts.
import { isIP } from 'node:net';
import { parseCommandArgs } from '../args';
import { CliError } from '../cli-error';

export const LOAD_USAGE =
  'assay bench load [--profile autosave|throughput] [--candidates 500] [--duration 60] ' +
  '[--save-interval 10] [--ramp S] [--seed 1] [--url http://127.0.0.1:PORT --key ak_…]';

/** Hard caps: the bench must stay a bounded, local exercise whatever it is asked. */
export const LIMITS = {
  candidates: { min: 1, max: 5_000 },
  duration: { min: 1, max: 900 },
  saveInterval: { min: 0.01, max: 60 },
} as const;

/**
 * #5's figure: 500 candidates autosaving every 10 s for 5 minutes. #9's throughput goal
 * (≥ 1,000 saves/s): 200 candidates saving every 100 ms for a minute. Starts are spread out
 * (8/s and 10/s): a start writes the drawn form (~60 KB) and its event, and a burst of them is
 * a different figure from the autosave one.
 */
export const PROFILES = {
  autosave: { candidates: 500, duration: 300, saveInterval: 10, ramp: 60 },
  throughput: { candidates: 200, duration: 60, saveInterval: 0.1, ramp: 20 },
} as const;

export interface LoadOptions {
  candidates: number;
  /** Seconds each candidate works (saving) before it submits. */
  duration: number;
  /** Seconds between one candidate's saves (each wait is jittered ±20 %). */
  saveInterval: number;
  /** Seconds over which the candidates' starts (and so their submits) are spread. */
  ramp: number;
  seed: number;
  /** An already running local stack; absent means an in-memory one in this process. */
  target?: { url: string; key: string };
}

export function parseLoadOptions(argv: string[]): LoadOptions {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      profile: { type: 'string' },
      candidates: { type: 'string' },
      duration: { type: 'string' },
      'save-interval': { type: 'string' },
      ramp: { type: 'string' },
      seed: { type: 'string', default: '1' },
      url: { type: 'string' },
      key: { type: 'string' },
    },
    LOAD_USAGE,
  );
  if (positionals.length > 0)
    throw new CliError(`unexpected argument ${positionals[0]}\nusage: ${LOAD_USAGE}`);
  let base: { candidates: number; duration: number; saveInterval: number; ramp?: number } = {
    candidates: 500,
    duration: 60,
    saveInterval: 10,
  };
  if (values.profile !== undefined) {
    if (!Object.hasOwn(PROFILES, values.profile))
      throw new CliError(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
    base = PROFILES[values.profile as keyof typeof PROFILES];
  }
  const candidates = values.candidates
    ? integer(values.candidates, '--candidates', LIMITS.candidates)
    : base.candidates;
  const duration = values.duration
    ? integer(values.duration, '--duration', LIMITS.duration)
    : base.duration;
  const saveInterval = values['save-interval']
    ? decimal(values['save-interval'], '--save-interval', LIMITS.saveInterval)
    : base.saveInterval;
  if (saveInterval > duration)
    throw new CliError(
      `--save-interval (${saveInterval} s) must not exceed --duration (${duration} s)`,
    );
  // By default starts spread over at least 10 s (one save interval if longer; the profile's own
  // ramp), so submits arrive as a stream rather than all at once; never longer than the run.
  const ramp = values.ramp
    ? decimal(values.ramp, '--ramp', { min: 0, max: LIMITS.duration.max })
    : Math.min(duration, base.ramp ?? Math.max(saveInterval, 10));
  const seed = integer(values.seed, '--seed', { min: 0, max: 2 ** 31 - 1 });
  return { candidates, duration, saveInterval, ramp, seed, target: target(values.url, values.key) };
}

function target(url: string | undefined, key: string | undefined) {
  if (url === undefined) {
    if (key !== undefined)
      throw new CliError('--key goes with --url (the in-memory stack has its own)');
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`--url is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new CliError(`--url must be http(s), not ${parsed.protocol}`);
  if (!isLoopback(parsed.hostname))
    throw new CliError(
      `--url must be this machine (127.0.0.0/8, ::1 or localhost), refusing ${parsed.hostname}: the load bench never leaves loopback`,
    );
  if (!key) throw new CliError('--url needs --key (an admin API key of that stack, ak_…)');
  if (!/^ak_\S+$/.test(key)) throw new CliError('--key must be one API key (ak_…)');
  return { url: parsed.origin, key };
}

/** Loopback by address only; a name other than localhost could resolve anywhere. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host);
  return false;
}

function integer(raw: string, flag: string, range: { min: number; max: number }): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max)
    throw new CliError(`${flag} must be a whole number from ${range.min} to ${range.max}`);
  return n;
}

function decimal(raw: string, flag: string, range: { min: number; max: number }): number {
  const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n < range.min || n > range.max)
    throw new CliError(`${flag} must be a number of seconds from ${range.min} to ${range.max}`);
  return n;
}
