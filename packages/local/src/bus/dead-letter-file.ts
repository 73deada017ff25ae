import { readFileSync } from 'node:fs';
import { writeFileDurably } from './durable-file';
import type { DeadLetter } from './types';

/** The file name under the local data folder (`.assay/`) that keeps the bus's dead letters. */
export const DEAD_LETTER_FILE = 'dead-letters.json';

/** The dead letters persisted in `file`, oldest first; none when it does not exist yet. */
export function readDeadLetters(file: string): DeadLetter[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const parsed = JSON.parse(text) as { deadLetters?: DeadLetter[] };
  return parsed.deadLetters ?? [];
}

export function writeDeadLetters(file: string, letters: readonly DeadLetter[]): void {
  writeFileDurably(file, JSON.stringify({ deadLetters: letters }, null, 1));
}
