// `assay score FILE` (FILE `-` = stdin): score one answer sheet offline against a built-in
// playbook and print the scorecard JSON (CONTRACTS.md §1). Bad input is one line on stderr, exit 2.
import { readFileSync } from 'node:fs';
import { builtinPlaybooks, findBuiltin } from '@assay/playbooks';
import { score, validateAnswers } from '@assay/scoring';
import { CliError } from '../cli-error';

function readSheet(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new CliError(`cannot read ${file === '-' ? 'stdin' : file}: ${code}`);
  }
}

function parseSheet(text: string, file: string): { playbook: string; answers: unknown } {
  let sheet: unknown;
  try {
    sheet = JSON.parse(text);
  } catch (err) {
    throw new CliError(
      `${file === '-' ? 'stdin' : file} is not valid JSON: ${(err as Error).message}`,
    );
  }
  if (typeof sheet !== 'object' || sheet === null || Array.isArray(sheet)) {
    throw new CliError('answer sheet must be a JSON object with "playbook" and "answers"');
  }
  const { playbook, answers } = sheet as Record<string, unknown>;
  if (typeof playbook !== 'string' || playbook === '') {
    throw new CliError('answer sheet needs "playbook": a built-in playbook id or id@version');
  }
  return { playbook, answers };
}

export async function run(argv: string[]): Promise<number> {
  const [file, ...rest] = argv;
  if (file === undefined || rest.length > 0)
    throw new CliError('usage: assay score FILE (use - for stdin)');
  const sheet = parseSheet(readSheet(file), file);
  const playbook = findBuiltin(sheet.playbook);
  if (playbook === undefined) {
    const known = [...new Set(builtinPlaybooks.map((p) => p.id))].join(', ');
    throw new CliError(`unknown playbook "${sheet.playbook}" (built-in: ${known})`);
  }
  const validation = validateAnswers(playbook, sheet.answers);
  if (!validation.ok) {
    const [first, ...more] = validation.problems;
    const where = first!.item === undefined ? '' : `item "${first!.item}": `;
    const also =
      more.length > 0 ? ` (and ${more.length} more problem${more.length > 1 ? 's' : ''})` : '';
    throw new CliError(`${where}${first!.message}${also}`);
  }
  process.stdout.write(`${JSON.stringify(score(playbook, validation.answers), null, 2)}\n`);
  return 0;
}
