// Phrase matching on analysed text. Phrases are compiled once per form into stem sequences and
// indexed by their first stem; the answer is indexed by stem once (Doc.positions), so a phrase
// set only visits the positions where one of its first stems occurs.
import { FUNCTION_WORDS } from '../lexicons';
import { analyze, type Doc } from './analyze';

/**
 * `exact`: every word, contiguous ("you should have").
 * `loose`: content words only, in order, up to MAX_GAP other words apart, inside one clause
 * ("verify eligibility" matches "verify the patient's eligibility").
 */
export type PhraseMode = 'exact' | 'loose';

const MAX_GAP = 3;
const functionWords = new Set(FUNCTION_WORDS);

export interface PhraseMatch {
  /** Index of the phrase's owner (concept, step, …) given at compile time. */
  owner: number;
  /** Token range [first, last] of the match. */
  first: number;
  last: number;
}

interface CompiledPhrase {
  owner: number;
  /** Compile order: breaks ties between matches starting at the same token. */
  order: number;
  stems: string[];
}

export interface PhraseSet {
  mode: PhraseMode;
  byFirstStem: Map<string, CompiledPhrase[]>;
  /** The same index as parallel arrays, for the allocation-free loop in findPhrases. */
  firstStems: string[];
  phrasesByFirst: CompiledPhrase[][];
}

/** Compile phrases grouped by owner: `owners[i]` lists the synonyms of owner i. */
export function compilePhrases(
  owners: readonly (readonly string[])[],
  mode: PhraseMode,
): PhraseSet {
  const byFirstStem = new Map<string, CompiledPhrase[]>();
  let order = 0;
  owners.forEach((phrases, owner) => {
    for (const phrase of phrases) {
      const tokens = analyze(phrase).tokens;
      const content = mode === 'loose' ? tokens.filter((t) => !functionWords.has(t.word)) : tokens;
      const stems = (content.length > 0 ? content : tokens).map((t) => t.stem);
      const first = stems[0];
      if (first === undefined) continue;
      const list = byFirstStem.get(first) ?? [];
      list.push({ owner, order: order++, stems });
      byFirstStem.set(first, list);
    }
  });
  return {
    mode,
    byFirstStem,
    firstStems: [...byFirstStem.keys()],
    phrasesByFirst: [...byFirstStem.values()],
  };
}

/** All matches in token order (ties in compile order). Overlapping matches are all reported. */
export function findPhrases(set: PhraseSet, doc: Doc): PhraseMatch[] {
  const found: { match: PhraseMatch; order: number }[] = [];
  for (let s = 0; s < set.firstStems.length; s++) {
    const positions = doc.positions.get(set.firstStems[s]!);
    if (positions === undefined) continue;
    const phrases = set.phrasesByFirst[s]!;
    for (const at of positions) {
      for (const phrase of phrases) {
        const last =
          set.mode === 'exact'
            ? matchExact(phrase.stems, doc, at)
            : matchLoose(phrase.stems, doc, at);
        if (last !== -1)
          found.push({ match: { owner: phrase.owner, first: at, last }, order: phrase.order });
      }
    }
  }
  if (found.length > 1) found.sort((a, b) => a.match.first - b.match.first || a.order - b.order);
  return found.map((f) => f.match);
}

/** Whether any phrase of the set matches starting exactly at token `at`. */
export function phraseStartsAt(set: PhraseSet, doc: Doc, at: number): boolean {
  const token = doc.tokens[at];
  const candidates = token && set.byFirstStem.get(token.stem);
  if (!candidates) return false;
  return candidates.some(
    (p) =>
      (set.mode === 'exact' ? matchExact(p.stems, doc, at) : matchLoose(p.stems, doc, at)) !== -1,
  );
}

function matchExact(stems: string[], doc: Doc, first: number): number {
  const tokens = doc.tokens;
  const sentence = tokens[first]!.sentence;
  for (let k = 1; k < stems.length; k++) {
    const token = tokens[first + k];
    if (token === undefined || token.sentence !== sentence || token.stem !== stems[k]) return -1;
  }
  return first + stems.length - 1;
}

function matchLoose(stems: string[], doc: Doc, first: number): number {
  const tokens = doc.tokens;
  const clause = tokens[first]!.clause;
  let at = first;
  for (let k = 1; k < stems.length; k++) {
    let found = -1;
    for (let j = at + 1; j <= at + 1 + MAX_GAP; j++) {
      const token = tokens[j];
      if (token === undefined || token.clause !== clause) break;
      if (token.stem === stems[k]) {
        found = j;
        break;
      }
    }
    if (found === -1) return -1;
    at = found;
  }
  return at;
}

/** The answer text a match covers, for evidence. */
export function matchText(doc: Doc, match: { first: number; last: number }): string {
  return doc.text.slice(doc.tokens[match.first]!.start, doc.tokens[match.last]!.end);
}
