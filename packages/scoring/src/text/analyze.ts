// Turns an answer into tokens, sentences and clauses, once per answer. Every text feature and
// matcher reads this structure, so the hot path scans each answer exactly once.
import {
  ABBREVIATIONS,
  ACTION_VERBS,
  CLAUSE_OPENERS,
  FUNCTION_WORDS,
  NEGATING_PAIRS,
  NEGATION_CANCELLERS,
  NEGATORS,
  NEW_SUBJECTS,
} from '../lexicons';
import { foldCase, normalizeNumberWord, normalizeText } from './normalize';
import { stem } from './stem';

export interface Token {
  /** Case-folded word; numbers normalised ("1,000.00" → "1000"). */
  word: string;
  stem: string;
  /** Offsets into `Doc.text`. */
  start: number;
  end: number;
  sentence: number;
  clause: number;
  /** An action verb (see ACTION_VERBS). */
  verb: boolean;
  functionWord: boolean;
}

export interface Sentence {
  /** Token range [first, end). */
  first: number;
  end: number;
  /** Ends with . ! or ? (rather than a line break or the end of the text). */
  punctuated: boolean;
  /** A long run of words with too few function words to be a sentence: keyword stuffing. */
  keywordRun: boolean;
}

export interface Clause {
  sentence: number;
  /** Token range [first, end). */
  first: number;
  end: number;
  /** Index of the token that opens a negation running to the clause end, or -1. */
  negator: number;
  /** Action-verb tokens in the clause. */
  verbs: number;
  functionWords: number;
}

export interface Doc {
  /** The NFC-normalised answer; token offsets and evidence spans refer to it. */
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  clauses: Clause[];
  /** Stem → indices of the tokens with that stem, ascending. */
  positions: Map<string, number[]>;
}

// Character classes for the scanner: ASCII from a table (the hot path), anything else by
// Unicode property.
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) ASCII_CLASS[c] = LETTER;
  else if (c >= 48 && c <= 57) ASCII_CLASS[c] = DIGIT;
}
const UNICODE_LETTER = /^[\p{L}\p{M}]$/u;
const UNICODE_DIGIT = /^\p{N}$/u;

function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return ASCII_CLASS[code]!;
  if (Number.isNaN(code)) return OTHER;
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  if (UNICODE_LETTER.test(ch)) return LETTER;
  return UNICODE_DIGIT.test(ch) ? DIGIT : OTHER;
}

const width = (text: string, i: number) => ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);

/** Index after the run of characters from `i` whose class is in `classes` (a bit mask). */
function skipClasses(text: string, i: number, classes: number): number {
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (((1 << ASCII_CLASS[code]!) & classes) === 0) break;
      i++;
    } else {
      if (((1 << classAt(text, i)) & classes) === 0) break;
      i += width(text, i);
    }
  }
  return i;
}

const WORD_CHARS = (1 << LETTER) | (1 << DIGIT);
const LETTERS = 1 << LETTER;
const DIGITS = 1 << DIGIT;

/**
 * End of the word starting at `i`. Numbers keep their separators ("1,000.00", "7.5") and may
 * run into letters ("1st"); words may carry apostrophes ("don't", "patient's").
 */
function wordEnd(text: string, i: number): number {
  if (classAt(text, i) === DIGIT) {
    let j = skipClasses(text, i, DIGITS);
    while ((text[j] === '.' || text[j] === ',') && classAt(text, j + 1) === DIGIT) {
      j = skipClasses(text, j + 1, DIGITS);
    }
    return skipClasses(text, j, WORD_CHARS);
  }
  let j = skipClasses(text, i, WORD_CHARS);
  while (text[j] === "'" && classAt(text, j + 1) === LETTER) j = skipClasses(text, j + 1, LETTERS);
  return j;
}

const LIST_MARKER = /^(?:\d{1,2}|[a-z])$/;

const abbreviations = new Set(ABBREVIATIONS);
const clauseOpeners = new Set(CLAUSE_OPENERS);
const newSubjects = new Set(NEW_SUBJECTS);
const functionWords = new Set(FUNCTION_WORDS);
const negators = new Set(NEGATORS);
const negatingPairs = new Map(NEGATING_PAIRS);
const verbForms = new Set(ACTION_VERBS.flatMap(inflections));

/** Everything the analyser needs to know about one word, looked up once per distinct word. */
interface Lexeme {
  stem: string;
  verb: boolean;
  functionWord: boolean;
  opensClause: boolean;
  newSubject: boolean;
  /** A negator on its own ("not", "won't"); pairs such as "instead of" are checked in context. */
  negator: boolean;
  /** The word that must follow for a two-word negator ("instead" → "of"). */
  negatorPair: string | undefined;
}

// Bounded: answers reuse a small vocabulary, but a flood of unique words must not grow memory.
const lexemes = new Map<string, Lexeme>();
const LEXEME_LIMIT = 50_000;

function lexeme(word: string): Lexeme {
  let entry = lexemes.get(word);
  if (entry !== undefined) return entry;
  entry = {
    stem: stem(word),
    verb: verbForms.has(word),
    functionWord: functionWords.has(word),
    opensClause: clauseOpeners.has(word),
    newSubject: newSubjects.has(word),
    negator: word.endsWith("n't") || negators.has(word),
    negatorPair: negatingPairs.get(word),
  };
  if (lexemes.size >= LEXEME_LIMIT) lexemes.clear();
  lexemes.set(word, entry);
  return entry;
}
const cancellerStems = new Set(NEGATION_CANCELLERS.map(stem));

/**
 * Surface forms of a verb: "submit" → submits, submitted, submitting. Verbs are matched on these
 * forms rather than on stems so that nouns sharing a stem ("documentation") do not count.
 */
function inflections(verb: string): string[] {
  const forms = [verb, `${verb}s`, `${verb}es`, `${verb}ed`, `${verb}ing`];
  if (verb.endsWith('e')) forms.push(`${verb}d`, `${verb.slice(0, -1)}ing`);
  if (verb.endsWith('y')) forms.push(`${verb.slice(0, -1)}ies`, `${verb.slice(0, -1)}ied`);
  if (/[^aeiou][aeiou][bdgklmnprt]$/.test(verb))
    forms.push(`${verb}${verb.at(-1)}ed`, `${verb}${verb.at(-1)}ing`);
  return forms;
}

function isSpaceOrEnd(text: string, i: number): boolean {
  const c = text[i];
  return (
    c === undefined || c === ' ' || c === '\n' || c === '\t' || c === '"' || c === ')' || c === "'"
  );
}

/** Break an answer into tokens, sentences and clauses. */
export function analyze(raw: string): Doc {
  const text = normalizeText(raw);
  // Folding the whole text once is cheaper than per word, when it keeps every offset.
  const foldedText = foldCase(text);
  const sameOffsets = foldedText.length === text.length;
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const clauses: Clause[] = [];
  let sentenceFirst = 0;
  let clauseFirst = 0;

  const closeClause = (at: number) => {
    if (at <= clauseFirst) return;
    const index = clauses.length;
    for (let i = clauseFirst; i < at; i++) tokens[i]!.clause = index;
    clauses.push({
      sentence: sentences.length,
      first: clauseFirst,
      end: at,
      negator: -1,
      verbs: 0,
      functionWords: 0,
    });
    clauseFirst = at;
  };
  const closeSentence = (punctuated: boolean) => {
    closeClause(tokens.length);
    if (tokens.length === sentenceFirst) return;
    const index = sentences.length;
    for (let i = sentenceFirst; i < tokens.length; i++) tokens[i]!.sentence = index;
    sentences.push({ first: sentenceFirst, end: tokens.length, punctuated, keywordRun: false });
    sentenceFirst = tokens.length;
  };

  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (classAt(text, i) !== OTHER) {
      const end = wordEnd(text, i);
      const folded = sameOffsets ? foldedText.slice(i, end) : foldCase(text.slice(i, end));
      // "1." or "b)" opening a line is a list marker, not a word or a sentence end.
      if (
        tokens.length === sentenceFirst &&
        LIST_MARKER.test(folded) &&
        (text[end] === '.' || text[end] === ')') &&
        isSpaceOrEnd(text, end + 1)
      ) {
        i = end + 1;
        continue;
      }
      const startsWithDigit = folded.charCodeAt(0) <= 57; // words never start with punctuation
      const normalized = startsWithDigit ? normalizeNumberWord(folded) : folded;
      const info = lexeme(normalized);
      if (info.opensClause) closeClause(tokens.length);
      const previous = tokens[tokens.length - 1];
      if (
        previous?.word === 'and' &&
        info.newSubject &&
        (followsComma(text, previous) || normalized === 'then')
      ) {
        closeClause(tokens.length - 1);
      }
      tokens.push({
        word: normalized,
        stem: info.stem,
        start: i,
        end,
        sentence: 0,
        clause: 0,
        verb: info.verb,
        functionWord: info.functionWord,
      });
      i = end;
    } else if (c === '\n') {
      closeSentence(false);
      i++;
    } else if (c === '.' || c === '!' || c === '?') {
      let end = i + 1;
      while (text[end] === '.' || text[end] === '!' || text[end] === '?') end++;
      const last = tokens[tokens.length - 1];
      const abbreviation =
        c === '.' &&
        end === i + 1 &&
        last !== undefined &&
        last.end === i &&
        abbreviations.has(last.word);
      if (isSpaceOrEnd(text, end) && !abbreviation) closeSentence(true);
      i = end;
    } else if (c === ';' || c === ':') {
      closeClause(tokens.length);
      i++;
    } else {
      i += width(text, i);
    }
  }
  closeSentence(false);
  for (const clause of clauses) describeClause(clause, tokens, text);
  for (const sentence of sentences) sentence.keywordRun = isKeywordRun(sentence, tokens, text);
  const positions = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    const list = positions.get(token.stem);
    if (list === undefined) positions.set(token.stem, [i]);
    else list.push(i);
  });
  return { text, tokens, sentences, clauses, positions };
}

/**
 * Prose is roughly 40% function words. A "sentence" of 8+ words with under a fifth of them is a
 * keyword list; so is a run of 16+ words with under 30% of them and no comma or final stop.
 */
const KEYWORD_RUN_MIN_WORDS = 8;
const KEYWORD_RUN_MAX_FUNCTION_SHARE = 0.2;
const UNPUNCTUATED_RUN_MIN_WORDS = 16;
const UNPUNCTUATED_RUN_MAX_FUNCTION_SHARE = 0.3;

function isKeywordRun(sentence: Sentence, tokens: Token[], text: string): boolean {
  const words = sentence.end - sentence.first;
  if (words < KEYWORD_RUN_MIN_WORDS) return false;
  let functional = 0;
  for (let i = sentence.first; i < sentence.end; i++) {
    if (tokens[i]!.functionWord) functional++;
  }
  const share = functional / words;
  if (share < KEYWORD_RUN_MAX_FUNCTION_SHARE) return true;
  if (words < UNPUNCTUATED_RUN_MIN_WORDS || share >= UNPUNCTUATED_RUN_MAX_FUNCTION_SHARE)
    return false;
  const start = tokens[sentence.first]!.start;
  const comma = text.indexOf(',', start);
  return !sentence.punctuated && (comma === -1 || comma > tokens[sentence.end - 1]!.end);
}

function followsComma(text: string, and: Token): boolean {
  let i = and.start - 1;
  while (i >= 0 && text[i] === ' ') i--;
  return text[i] === ',';
}

function describeClause(clause: Clause, tokens: Token[], text: string): void {
  let cancelledUntil = -1;
  for (let i = clause.first; i < clause.end; i++) {
    const token = tokens[i]!;
    if (token.functionWord) clause.functionWords++;
    if (token.verb) clause.verbs++;
    if (clause.negator !== -1 || i <= cancelledUntil || !isNegator(tokens, i, clause.end, text))
      continue;
    const canceller = findCanceller(tokens, i, clause.end);
    if (canceller === -1) clause.negator = i;
    else cancelledUntil = canceller;
  }
}

function isNegator(tokens: Token[], i: number, end: number, text: string): boolean {
  const token = tokens[i]!;
  // "no-auth appeal" names a thing; it does not negate it.
  if (token.word === 'no') return text[token.end] !== '-';
  const { negator, negatorPair } = lexeme(token.word);
  if (negator) return true;
  return negatorPair !== undefined && i + 1 < end && tokens[i + 1]!.word === negatorPair;
}

/** "don't forget to…", "never skip…": a word right after the negator undoes it. Returns its index or -1. */
function findCanceller(tokens: Token[], i: number, end: number): number {
  for (let j = i + 1; j < Math.min(end, i + 3); j++) {
    if (cancellerStems.has(tokens[j]!.stem)) return j;
  }
  return -1;
}
