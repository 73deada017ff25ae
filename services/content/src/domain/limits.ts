import type { FieldError } from '@assay/platform';
import type { PlaybookDraft } from '../store';

/**
 * Authoring limits. A draft and each published version are stored as one DynamoDB item
 * (400 KB at most), here and in the scoring service's copy, so the compact document stays
 * under 350 KB; the request body may be larger (pretty-printed JSON) up to the 1 MB body limit.
 */
export const LIMITS = {
  bodyBytes: 1024 * 1024,
  documentBytes: 350 * 1024,
  items: 300,
  sections: 50,
  textChars: 20_000,
} as const;

/** Every limit the draft breaks, each with a pointer into the request body. */
export function draftLimitErrors(draft: PlaybookDraft): FieldError[] {
  const errors: FieldError[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(draft), 'utf8');
  if (bytes > LIMITS.documentBytes) {
    errors.push({
      pointer: 'body/content',
      message: `the playbook is ${kb(bytes)} as compact JSON; the limit is ${kb(LIMITS.documentBytes)}`,
    });
  }
  const { items, sections } = draft.content;
  if (Array.isArray(items) && items.length > LIMITS.items) {
    errors.push({
      pointer: 'body/content/items',
      message: `${items.length} items; at most ${LIMITS.items}`,
    });
  }
  if (Array.isArray(sections) && sections.length > LIMITS.sections) {
    errors.push({
      pointer: 'body/content/sections',
      message: `${sections.length} sections; at most ${LIMITS.sections}`,
    });
  }
  longTexts(draft.content, 'body/content', errors);
  return errors;
}

function longTexts(value: unknown, pointer: string, errors: FieldError[]): void {
  if (typeof value === 'string') {
    if (value.length > LIMITS.textChars) {
      errors.push({
        pointer,
        message: `${value.length} characters; at most ${LIMITS.textChars}`,
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => longTexts(v, `${pointer}/${i}`, errors));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value))
      longTexts(v, `${pointer}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`, errors);
  }
}

function kb(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}
