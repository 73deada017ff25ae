// CPU and memory of the bench's own process and, when it can be found, of the DynamoDB Local JVM
// (a separate process whose work would otherwise go uncounted). Linux /proc only.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on every mainstream kernel. */
const CLOCK_TICKS = 100;

export interface CpuWindow {
  /** CPU seconds used in the window (user + system). */
  cpuSeconds: number;
  wallSeconds: number;
  /** Of one core: 200 % means both cores of a 2-core machine. */
  percent: number;
}

/** The pid of the DynamoDB Local JVM listening on `port`, found by its command line. */
export function findDynamoDbLocalPid(port: number): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return undefined;
  }
  for (const pid of entries) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const i = args.indexOf('-port');
      if (args.some((a) => a.includes('DynamoDBLocal')) && args[i + 1] === String(port))
        return Number(pid);
    } catch {
      // the process ended while we looked, or is not ours to read
    }
  }
  return undefined;
}

function procCpuSeconds(pid: number): number {
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** VmHWM: the process's peak resident set, in bytes. */
export function peakRssBytes(pid: number | 'self'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** Starts a CPU measurement of this process and (if given) another one. */
export function startCpuWindow(otherPid?: number) {
  const t0 = performance.now();
  const self0 = process.cpuUsage();
  let other0: number | undefined;
  try {
    other0 = otherPid === undefined ? undefined : procCpuSeconds(otherPid);
  } catch {
    other0 = undefined;
  }
  const window = (cpuSeconds: number): CpuWindow => {
    const wallSeconds = (performance.now() - t0) / 1000;
    return { cpuSeconds, wallSeconds, percent: (100 * cpuSeconds) / wallSeconds };
  };
  return {
    self: (): CpuWindow => {
      const used = process.cpuUsage(self0);
      return window((used.user + used.system) / 1e6);
    },
    other: (): CpuWindow | undefined => {
      if (otherPid === undefined || other0 === undefined) return undefined;
      try {
        return window(procCpuSeconds(otherPid) - other0);
      } catch {
        return undefined;
      }
    },
  };
}
