import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allEvents, catalogFiles } from '../src/index';

describe('event catalog', () => {
  it('is committed exactly as the definitions generate it (run `pnpm catalog` after changing events)', () => {
    const dir = new URL('../catalog/', import.meta.url);
    const expected = catalogFiles(allEvents);
    expect(readdirSync(dir).sort()).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected)
      expect(readFileSync(new URL(name, dir), 'utf8'), name).toBe(text);
  });

  it('names every detail-type once', () => {
    const types = allEvents.map((e) => `${e.type}@${e.version}`);
    expect(new Set(types).size).toBe(types.length);
  });
});
