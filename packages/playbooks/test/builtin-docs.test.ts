// docs/content/<id>.md is the hiring-manager rendering of each built-in playbook. It is
// generated from the playbook data (then Prettier-formatted); UPDATE_GOLDEN=1 rewrites it after a content change.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { findBuiltin } from '../src/builtin';
import { renderPlaybookMarkdown } from '../src/builtin/markdown';

const DOCS = ['medical-billing-specialist'];

describe('built-in playbook docs', () => {
  it.each(DOCS)('docs/content/%s.md matches the playbook', async (id) => {
    const path = fileURLToPath(new URL(`../../../docs/content/${id}.md`, import.meta.url));
    // Formatted as the repo's Prettier would, so `prettier --check` and this test agree.
    const options = { ...(await resolveConfig(path)), parser: 'markdown' };
    const rendered = await format(renderPlaybookMarkdown(findBuiltin(id)!), options);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, rendered);
    expect(readFileSync(path, 'utf8')).toBe(rendered);
  });
});
