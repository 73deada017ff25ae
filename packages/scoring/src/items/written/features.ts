// Measurable features of a written answer. Each compiles once per form into a meter that reads an
// analysed answer and returns a number (the criterion's levels turn it into points) plus evidence.
import type { WrittenFeatureForm } from '../../form';
import {
  BLAME,
  CLOSINGS,
  GLOSS_MARKERS,
  GREETINGS,
  JARGON,
  LEADING,
  POLITENESS,
} from '../../lexicons';
import type { Doc } from '../../text/analyze';
import {
  compilePhrases,
  findPhrases,
  matchText,
  phraseStartsAt,
  type PhraseMatch,
} from '../../text/phrases';
import { fleschKincaidGrade } from '../../text/readability';
import { round } from '../../round';
import { excerpt } from '../item-scorer';
import { findIdentifiers } from './identifiers';

export interface Measurement {
  measure: number;
  /** Matched spans, or a short description of what was measured. */
  text: string;
  /** The feature found something that raises its red flag. */
  flagged?: boolean;
}

export type Meter = (doc: Doc) => Measurement;

/** Features that reward the ABSENCE of something; a very short answer earns nothing from them. */
export const ABSENCE_FEATURES = new Set<WrittenFeatureForm['kind']>([
  'blame',
  'tone',
  'jargon',
  'readability',
  'forbidden',
  'leading',
  'mechanics',
]);

const CLOSING_WINDOW = 30;
const GREETING_NAME_WINDOW = 4;

const greetings = compilePhrases([GREETINGS], 'exact');
const closings = compilePhrases([CLOSINGS], 'exact');
const glossMarkers = compilePhrases([GLOSS_MARKERS], 'exact');

const spans = (doc: Doc, matches: PhraseMatch[]) =>
  matches.map((m) => `"${excerpt(matchText(doc, m), 80)}"`).join(', ');

/** One phrase list as a counter: how many times any of its phrases occurs. */
function phraseCounter(phrases: readonly string[]): (doc: Doc) => PhraseMatch[] {
  const set = compilePhrases([phrases], 'exact');
  return (doc) => dropSameStart(findPhrases(set, doc));
}

/** Keep one match per start token: "thank you" is one politeness marker, not two. */
function dropSameStart(matches: PhraseMatch[]): PhraseMatch[] {
  return matches.filter((m, i) => i === 0 || matches[i - 1]!.first !== m.first);
}

/**
 * Concepts count where the answer asserts them: not after a negation in the same clause
 * ("did not apply it to your deductible") and not inside a keyword run.
 */
function concepts(feature: Extract<WrittenFeatureForm, { kind: 'concepts' }>): Meter {
  const set = compilePhrases(
    feature.concepts.map((c) => c.terms),
    'loose',
  );
  return (doc) => {
    const firstMatch = new Map<number, PhraseMatch>();
    const refused = new Map<number, string>();
    for (const m of findPhrases(set, doc)) {
      if (firstMatch.has(m.owner)) continue;
      const token = doc.tokens[m.first]!;
      const negator = doc.clauses[token.clause]!.negator;
      if (negator !== -1 && negator < m.first) refused.set(m.owner, 'negated');
      else if (doc.sentences[token.sentence]!.keywordRun) refused.set(m.owner, 'in a keyword list');
      else firstMatch.set(m.owner, m);
    }
    const missing = feature.concepts.flatMap((c, i) => {
      if (firstMatch.has(i)) return [];
      const why = refused.get(i);
      return [why ? `${c.id} (${why})` : c.id];
    });
    const found = [...firstMatch.entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m);
    const parts = [found.length > 0 ? spans(doc, found) : 'none found'];
    if (missing.length > 0) parts.push(`missing: ${missing.join(', ')}`);
    return { measure: firstMatch.size, text: parts.join('; ') };
  };
}

function greeting(feature: Extract<WrittenFeatureForm, { kind: 'greeting' }>): Meter {
  const names = compilePhrases([feature.names], 'exact');
  return (doc) => {
    const opening = findPhrases(greetings, doc).find((m) => m.first <= 1);
    if (opening === undefined) return { measure: 0, text: 'no greeting at the start' };
    if (feature.names.length === 0)
      return { measure: 2, text: `"${excerpt(matchText(doc, opening), 80)}"` };
    const name = findPhrases(names, doc).find(
      (m) => m.first > opening.last && m.first <= opening.last + GREETING_NAME_WINDOW,
    );
    return name === undefined
      ? { measure: 1, text: `"${matchText(doc, opening)}" without the reader's name` }
      : {
          measure: 2,
          text: `"${excerpt(matchText(doc, { first: opening.first, last: name.last }), 80)}"`,
        };
  };
}

/** A closing opens one of the last sentences: "Kind regards," or "Thank you for…", not "the best option". */
const closing: Meter = (doc) => {
  const from = doc.tokens.length - CLOSING_WINDOW;
  const opensSentence = (m: PhraseMatch) =>
    doc.sentences[doc.tokens[m.first]!.sentence]!.first === m.first;
  const found = findPhrases(closings, doc).filter((m) => m.first >= from && opensSentence(m));
  const last = found[found.length - 1];
  return last === undefined
    ? { measure: 0, text: 'no closing near the end' }
    : { measure: 1, text: `"${matchText(doc, last)}"` };
};

function counter(phrases: readonly string[], none: string): Meter {
  const count = phraseCounter(phrases);
  return (doc) => {
    const found = count(doc);
    return { measure: found.length, text: found.length > 0 ? spans(doc, found) : none };
  };
}

function tone(feature: Extract<WrittenFeatureForm, { kind: 'tone' }>): Meter {
  const blame = phraseCounter([...BLAME, ...feature.blame]);
  const polite = phraseCounter([...POLITENESS, ...feature.politeness]);
  return (doc) => {
    const blamed = blame(doc);
    if (blamed.length > 0) return { measure: 0, text: `blame: ${spans(doc, blamed)}` };
    const courteous = polite(doc);
    return courteous.length > 0
      ? { measure: 2, text: `blame-free; courteous: ${spans(doc, courteous)}` }
      : { measure: 1, text: 'blame-free, no courtesy markers' };
  };
}

function jargon(feature: Extract<WrittenFeatureForm, { kind: 'jargon' }>): Meter {
  const terms = [...JARGON, ...feature.terms];
  const set = compilePhrases(
    terms.map((t) => [t]),
    'exact',
  );
  return (doc) => {
    const explained = new Set<number>();
    const used = new Map<number, PhraseMatch>();
    for (const m of dropSameStart(findPhrases(set, doc))) {
      if (!used.has(m.owner)) used.set(m.owner, m);
      if (isGlossed(doc, m)) explained.add(m.owner);
    }
    const unexplained = [...used.entries()]
      .filter(([owner]) => !explained.has(owner))
      .map(([, m]) => m);
    return {
      measure: unexplained.length,
      text:
        unexplained.length > 0
          ? `unexplained: ${spans(doc, unexplained)}`
          : 'no unexplained jargon',
    };
  };
}

/** "EOB (explanation of benefits)", "EOB - the statement…", "EOB, which…", "explanation of benefits (EOB)". */
function isGlossed(doc: Doc, m: PhraseMatch): boolean {
  const text = doc.text;
  let after = doc.tokens[m.last]!.end;
  while (text[after] === ' ') after++;
  if (text[after] === '(' || text[after] === '-' || text[after] === ':') return true;
  let before = doc.tokens[m.first]!.start - 1;
  while (text[before] === ' ') before--;
  if (text[before] === '(') return true;
  const next = m.last + 1;
  const nextToken = doc.tokens[next];
  if (nextToken === undefined || nextToken.sentence !== doc.tokens[m.last]!.sentence) return false;
  return phraseStartsAt(glossMarkers, doc, next);
}

const readability: Meter = (doc) => {
  const grade = round(fleschKincaidGrade(doc), 1);
  return { measure: grade, text: `Flesch-Kincaid grade ${grade}` };
};

const length: Meter = (doc) => ({ measure: doc.tokens.length, text: `${doc.tokens.length} words` });

function forbidden(feature: Extract<WrittenFeatureForm, { kind: 'forbidden' }>): Meter {
  const count = phraseCounter(feature.terms);
  return (doc) => {
    const identifiers = findIdentifiers(doc.text, feature.detect);
    const terms = feature.terms.length > 0 ? count(doc) : [];
    const measure = identifiers.length + terms.length;
    const found = [
      ...identifiers.map((s) => `"${excerpt(s, 80)}"`),
      ...(terms.length > 0 ? [spans(doc, terms)] : []),
    ];
    return {
      measure,
      text: measure > 0 ? `found: ${found.join(', ')}` : 'none found',
      flagged: measure > 0 && feature.redFlag !== undefined,
    };
  };
}

function leading(feature: Extract<WrittenFeatureForm, { kind: 'leading' }>): Meter {
  const count = phraseCounter([...LEADING, ...feature.terms]);
  return (doc) => {
    const found = count(doc);
    return {
      measure: found.length,
      text: found.length > 0 ? `leading: ${spans(doc, found)}` : 'no leading language',
      flagged: found.length > 0 && feature.redFlag !== undefined,
    };
  };
}

const MECHANICS_MIN_WORDS = 5;

/** Share of real sentences (5+ words) that start with a capital and end with . ! or ?. */
const mechanics: Meter = (doc) => {
  let counted = 0;
  let wellFormed = 0;
  for (const sentence of doc.sentences) {
    if (sentence.end - sentence.first < MECHANICS_MIN_WORDS) continue;
    counted++;
    const first = doc.text[doc.tokens[sentence.first]!.start]!;
    if (sentence.punctuated && first !== first.toLowerCase()) wellFormed++;
  }
  const share = counted === 0 ? 1 : round(wellFormed / counted, 2);
  return {
    measure: share,
    text: `${wellFormed} of ${counted} sentences capitalised and punctuated`,
  };
};

export function compileFeature(feature: WrittenFeatureForm): Meter {
  switch (feature.kind) {
    case 'concepts':
      return concepts(feature);
    case 'greeting':
      return greeting(feature);
    case 'closing':
      return closing;
    case 'politeness':
      return counter([...POLITENESS, ...feature.terms], 'no courtesy markers');
    case 'blame':
      return counter([...BLAME, ...feature.terms], 'no blame');
    case 'tone':
      return tone(feature);
    case 'jargon':
      return jargon(feature);
    case 'readability':
      return readability;
    case 'length':
      return length;
    case 'forbidden':
      return forbidden(feature);
    case 'leading':
      return leading(feature);
    case 'mechanics':
      return mechanics;
  }
}
