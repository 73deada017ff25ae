// Patterns for personal identifiers that must not appear where they do not belong (e.g. a team
// chat). Each family is one precompiled regex over the normalised answer text.
import type { IdentifierPattern } from '../../form';
import { CLOSINGS, GREETINGS } from '../../lexicons';

const DATE = String.raw`(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b`;
const DOB_LABEL = String.raw`(?:dob|d\.o\.b\.?|date of birth|birth ?date|born(?: on)?)`;
// The same label for the case-sensitive name pattern.
const DOB_LABEL_CASED = String.raw`(?:DOB|[Dd]ob|D\.O\.B\.?|[Dd]ate of birth|[Bb]irth ?date|[Bb]orn(?: on)?)`;
/** A date of birth for an adult patient: labelled, or any full date in 19xx. */
const BIRTH_DATE = String.raw`(?:${DOB_LABEL_CASED}\s*[:#-]?\s*${DATE}|\d{1,2}[/.-]\d{1,2}[/.-]19\d{2}\b|19\d{2}-\d{2}-\d{2}\b)`;
const ID_VALUE = String.raw`\s*[:#]?\s*[a-z]*\d[\w-]{3,}`;

const PATTERNS: Record<IdentifierPattern, RegExp> = {
  dob: new RegExp(String.raw`\b${DOB_LABEL}\s*[:#-]?\s*${DATE}`, 'gi'),
  // Case-sensitive: a capitalised first and last name, then a birth date within 40 characters.
  'name-with-dob': new RegExp(
    String.raw`\b([A-Z][a-z]+)(?:\s+[A-Z]\.?)?\s+[A-Z][a-z'-]+\b[^\n]{0,40}?${BIRTH_DATE}`,
    'g',
  ),
  mrn: new RegExp(String.raw`\b(?:mrn|medical record(?: number| no\.?| #)?)${ID_VALUE}`, 'gi'),
  'member-id': new RegExp(
    String.raw`\b(?:member|subscriber|policy|insurance|patient|account|acct)\s*(?:id|#|number|no\.?|num)${ID_VALUE}`,
    'gi',
  ),
  ssn: /\b\d{3}-\d{2}-\d{4}\b/g,
};

/** Words that start a greeting or closing line are not first names ("Hi Team", "Kind Regards"). */
const NOT_NAMES = new Set([...GREETINGS, ...CLOSINGS].flatMap((p) => p.split(' ')));

/** Spans of `text` that match any of the requested identifier families, in text order, overlaps merged. */
export function findIdentifiers(text: string, families: readonly IdentifierPattern[]): string[] {
  const found: { at: number; span: string }[] = [];
  for (const family of families) {
    const pattern = PATTERNS[family];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (family === 'name-with-dob' && NOT_NAMES.has(m[1]!.toLowerCase())) continue;
      found.push({ at: m.index, span: m[0] });
    }
  }
  found.sort((a, b) => a.at - b.at || b.span.length - a.span.length);
  const spans: string[] = [];
  let coveredUntil = -1;
  for (const { at, span } of found) {
    if (at < coveredUntil) continue;
    spans.push(span);
    coveredUntil = at + span.length;
  }
  return spans;
}
