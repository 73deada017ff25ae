// Regenerates packages/playbooks/schema/playbook.schema.json (`pnpm schema`); a test fails when
// the committed copy drifts. Lives outside src/ so no Lambda bundle ever sees prettier.
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { PLAYBOOK_SCHEMA_PATH, playbookJsonSchema } from '../src/json-schema';

const config = await resolveConfig(PLAYBOOK_SCHEMA_PATH);
const json = await format(JSON.stringify(playbookJsonSchema()), {
  ...config,
  filepath: PLAYBOOK_SCHEMA_PATH,
});
writeFileSync(PLAYBOOK_SCHEMA_PATH, json);
console.log(`wrote ${PLAYBOOK_SCHEMA_PATH}`);
