import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';

/** node:util parseArgs with user errors turned into one-line CLI errors. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${err instanceof Error ? err.message : String(err)}\nusage: ${usage}`);
  }
}
