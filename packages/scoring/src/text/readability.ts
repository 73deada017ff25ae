// Flesch–Kincaid grade level with a deterministic syllable heuristic (no dictionary).
import type { Doc } from './analyze';

const syllableMemo = new Map<string, number>();
const MEMO_LIMIT = 50_000;

/** Vowel groups, discounting a silent final e / -es / -ed; at least one. */
export function syllables(word: string): number {
  const cached = syllableMemo.get(word);
  if (cached !== undefined) return cached;
  let count = 1;
  if (word.length > 3) {
    const trimmed = word.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
    count = Math.max(1, trimmed.match(/[aeiouy]{1,2}/g)?.length ?? 0);
  }
  if (syllableMemo.size >= MEMO_LIMIT) syllableMemo.clear();
  syllableMemo.set(word, count);
  return count;
}

const LETTER_WORD = /^[a-z][a-z']*$/;

/** Grade level = 0.39 × words/sentence + 11.8 × syllables/word − 15.59, over words with letters only. */
export function fleschKincaidGrade(doc: Doc): number {
  let words = 0;
  let syllableCount = 0;
  const sentencesWithWords = new Set<number>();
  for (const token of doc.tokens) {
    if (!LETTER_WORD.test(token.word)) continue;
    words++;
    syllableCount += syllables(token.word);
    sentencesWithWords.add(token.sentence);
  }
  if (words === 0) return 0;
  return 0.39 * (words / sentencesWithWords.size) + 11.8 * (syllableCount / words) - 15.59;
}
