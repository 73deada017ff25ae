import { describe, expect, it } from 'vitest';
import { LIMITS, draftLimitErrors } from '../src/domain/limits';

describe('draft limits', () => {
  it('accepts a draft within every limit', () => {
    expect(draftLimitErrors({ title: 'T', content: { items: [{ prompt: 'p' }] } })).toEqual([]);
  });

  it('points at every text that is too long, and at too many items and sections', () => {
    const long = 'x'.repeat(LIMITS.textChars + 1);
    const errors = draftLimitErrors({
      title: 'T',
      content: {
        sections: Array.from({ length: LIMITS.sections + 1 }, (_, i) => ({ id: `s${i}` })),
        items: Array.from({ length: LIMITS.items + 1 }, (_, i) => ({ id: `i${i}` })),
        summary: long,
        'a/b': [{ prompt: long }],
      },
    });
    expect(errors.map((e) => e.pointer)).toEqual([
      'body/content/items',
      'body/content/sections',
      'body/content/summary',
      'body/content/a~1b/0/prompt',
    ]);
  });

  it('bounds the stored document below a DynamoDB item', () => {
    const errors = draftLimitErrors({
      title: 'T',
      content: { items: Array.from({ length: 40 }, () => ({ prompt: 'y'.repeat(10_000) })) },
    });
    expect(errors).toEqual([
      { pointer: 'body/content', message: expect.stringMatching(/limit is 350 KB/) as string },
    ]);
  });
});
