// The playbook format as JSON Schema, for editors and non-TypeScript authors. The committed copy
// at packages/playbooks/schema/playbook.schema.json is regenerated (and prettier-formatted) by
// `pnpm exec tsx packages/playbooks/src/json-schema.ts`; a test fails when it drifts.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { Playbook } from './format';

export const PLAYBOOK_SCHEMA_PATH = fileURLToPath(
  new URL('../schema/playbook.schema.json', import.meta.url),
);

/** The authoring (input) shape: fields with defaults are optional. */
export function playbookJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://assay.dev/schemas/playbook.schema.json',
    title: 'Assay playbook',
    ...z.toJSONSchema(Playbook, { io: 'input', target: 'draft-2020-12' }),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // prettier is a root dev dependency: only the generator needs it, never the library.
  const { format, resolveConfig } = await import('prettier');
  const config = await resolveConfig(PLAYBOOK_SCHEMA_PATH);
  const json = await format(JSON.stringify(playbookJsonSchema()), {
    ...config,
    filepath: PLAYBOOK_SCHEMA_PATH,
  });
  writeFileSync(PLAYBOOK_SCHEMA_PATH, json);
  console.log(`wrote ${PLAYBOOK_SCHEMA_PATH}`);
}
