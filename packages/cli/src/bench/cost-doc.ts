import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const START = '<!-- assay bench cost: start (generated; edit the bench, not this section) -->';
const END = '<!-- assay bench cost: end -->';

/**
 * Replaces the generated section of the cost doc (between the markers), or appends one, and
 * formats the file with the repository's Prettier (a dev tool, as this command is one).
 */
export async function writeCostSection(path: string, markdown: string): Promise<void> {
  const doc = readFileSync(path, 'utf8');
  const section = `${START}\n\n${markdown.trim()}\n\n${END}`;
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  const text =
    start >= 0 && end > start
      ? doc.slice(0, start) + section + doc.slice(end + END.length)
      : `${doc.trimEnd()}\n\n${section}\n`;
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(resolve(path))) ?? {};
  writeFileSync(path, await prettier.format(text, { ...options, filepath: resolve(path) }));
}
