import type { CostMeter } from './cost-meter';
import { currentFunction } from './lambda-meter';

type Write = typeof process.stdout.write;

/**
 * Counts the structured log lines handlers write (Powertools JSON on stdout/stderr) as the log
 * events CloudWatch Logs would ingest for their function, and keeps them off the terminal.
 * Anything else (the benchmark's own output) passes through. Returns the undo.
 */
export function captureLogs(meter: CostMeter): () => void {
  const restore = [process.stdout, process.stderr].map((stream) => {
    const original: Write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (!isLogLine(text)) return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      meter.logLine(currentFunction() ?? 'unattributed', Buffer.byteLength(text));
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as Write;
    return () => {
      stream.write = original;
    };
  });
  return () => restore.forEach((undo) => undo());
}

function isLogLine(text: string): boolean {
  if (!text.startsWith('{')) return false;
  try {
    const parsed = JSON.parse(text) as { level?: unknown };
    return typeof parsed.level === 'string';
  } catch {
    return false;
  }
}
