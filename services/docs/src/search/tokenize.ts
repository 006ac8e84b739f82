/** One word of a text: its folded form and where it sits in the original string (UTF-16 offsets). */
export interface Token {
  /** Lowercased, accents removed, possessive `'s` and inner apostrophes dropped: "Café's" → "cafe". */
  text: string;
  /** Offset of the first character in the original text. */
  start: number;
  /** Offset just past the last character in the original text. */
  end: number;
}

/**
 * A word is a run of letters, combining marks and digits, optionally joined by inner apostrophes
 * ("don't") or by a decimal/thousands separator between digits ("1.5", "3,000"). Everything else
 * (spaces, punctuation, hyphens, slashes, symbols) separates words, so "IL-6" gives "il" and "6" and
 * "ischaemia/reperfusion" two words, as Lucene's StandardTokenizer does.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+|[.,]\p{N}+)*/gu;

/** Combining marks left after canonical decomposition: removing them folds "é" to "e". */
const COMBINING_MARKS = /\p{M}/gu;

/**
 * Splits text into words with their offsets. Folding (NFKD, mark removal, lowercasing) is applied per
 * word, after matching, so offsets always point into the caller's original string and highlighting can
 * mark exactly what the reader sees.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const folded = foldWord(match[0]);
    if (folded === '') continue;
    tokens.push({ text: folded, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Plain ASCII words, the vast majority in English text, only need lowercasing. */
const PLAIN_ASCII_WORD = /^[A-Za-z0-9]+$/;

/** Folds one matched word to its comparison form. */
export function foldWord(word: string): string {
  if (PLAIN_ASCII_WORD.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '')
    .replace(/,(?=\d)/g, '');
}
