// Text normalisation shared by every matcher. Everything here is locale-free: NFC, a fixed
// map of typographic characters, and String#toLowerCase (Unicode default case mapping, which
// unlike toLocaleLowerCase does not depend on the machine's locale).

const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u00A0': ' ',
  '\u2009': ' ',
  '\u202F': ' ',
  '\r': '',
};
const TYPOGRAPHIC_RE =
  /[\u2018\u2019\u201A\u201B\u2032\u201C\u201D\u201E\u2033\u2010-\u2015\u2212\u00A0\u2009\u202F\r]/g;

/** NFC plus plain ASCII quotes, dashes and spaces, so "don’t" and "don't" are the same text. */
export function normalizeText(text: string): string {
  const composed = text.normalize('NFC');
  TYPOGRAPHIC_RE.lastIndex = 0;
  return TYPOGRAPHIC_RE.test(composed)
    ? composed.replace(TYPOGRAPHIC_RE, (ch) => TYPOGRAPHIC[ch] ?? ch)
    : composed;
}

/** Locale-free case folding. */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/** Numbers compare by value: "1,000.00" and "1000" are the same word. */
export function normalizeNumberWord(word: string): string {
  const plain = word.replace(/,/g, '');
  return /^\d+\.0+$/.test(plain) ? plain.slice(0, plain.indexOf('.')) : plain;
}
