// docs/content/<id>.md for the variant playbooks: generated from the playbook data by the same
// renderer as the mid-level guide (then Prettier-formatted). UPDATE_GOLDEN=1 rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { findBuiltin } from '../src/builtin';
import { renderPlaybookMarkdown } from '../src/builtin/markdown';

const DOCS = [
  'medical-billing-specialist-junior',
  'medical-billing-specialist-senior',
  'medical-billing-collections-specialist',
];

describe('variant playbook docs', () => {
  it.each(DOCS)('docs/content/%s.md matches the playbook', async (id) => {
    const path = fileURLToPath(new URL(`../../../docs/content/${id}.md`, import.meta.url));
    const options = { ...(await resolveConfig(path)), parser: 'markdown' };
    const rendered = await format(renderPlaybookMarkdown(findBuiltin(id)!), options);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, rendered);
    expect(readFileSync(path, 'utf8')).toBe(rendered);
  });
});
