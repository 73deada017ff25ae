import { join } from 'node:path';
import { DEAD_LETTER_FILE, readDeadLetters } from '@assay/local';
import { parseCommandArgs } from '../args';
import { CliError } from '../cli-error';

const USAGE = 'assay dlq list [--data .assay] [--json]';

/**
 * The local bus's dead letters: events a consumer could not handle after its retries, as the
 * running (or crashed) stack persisted them in `<data>/dead-letters.json`.
 */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { data: { type: 'string', default: '.assay' }, json: { type: 'boolean', default: false } },
    USAGE,
  );
  if (positionals[0] !== 'list' || positionals.length > 1) throw new CliError(`usage: ${USAGE}`);
  const letters = readDeadLetters(join(values.data, DEAD_LETTER_FILE));
  if (values.json) {
    console.log(JSON.stringify(letters));
    return 0;
  }
  if (letters.length === 0) {
    console.log(`no dead letters in ${values.data}/`);
    return 0;
  }
  for (const l of letters) {
    const tenant = (l.event.detail as { tenantId?: unknown } | null)?.tenantId;
    // Ids, types and the error only: event details can hold candidate data (use --json to see them).
    console.log(
      [
        l.deadLetteredAt,
        l.ruleName,
        l.event['detail-type'],
        `event ${l.event.id}`,
        typeof tenant === 'string' ? `tenant ${tenant}` : 'tenant ?',
        `${l.attempts} attempts`,
      ].join('  '),
    );
    console.log(`    ${l.errorMessage.replace(/\s+/g, ' ').slice(0, 240)}`);
  }
  console.log(`${letters.length} dead letter${letters.length === 1 ? '' : 's'}`);
  return 0;
}
