import { readFileSync } from 'node:fs';
import type { Form } from '@assay/scoring';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Playbook, PlaybookInput } from '../src/format';
import { PLAYBOOK_SCHEMA_PATH, playbookJsonSchema } from '../src/json-schema';

describe('playbook format', () => {
  it('is a form the scoring engine accepts', () => {
    expectTypeOf<Playbook>().toExtend<Form>();
  });

  it('matches the committed JSON Schema (run `pnpm schema` after a change)', () => {
    expect(JSON.parse(readFileSync(PLAYBOOK_SCHEMA_PATH, 'utf8'))).toEqual(playbookJsonSchema());
  });

  it('describes the authoring shape in the JSON Schema: defaulted fields are optional', () => {
    const schema = playbookJsonSchema() as { required: string[] };
    expect(schema.required).toContain('items');
    expect(schema.required).not.toContain('bands');
    expectTypeOf<PlaybookInput['bands']>().toEqualTypeOf<
      { strong?: number; proceed?: number; borderline?: number } | undefined
    >();
  });
});
