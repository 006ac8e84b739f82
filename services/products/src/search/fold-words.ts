/**
 * A word is a run of letters, combining marks and digits, optionally joined by inner apostrophes
 * ("don't") or a decimal separator between digits ("0.75", "2.5"). Everything else (spaces, hyphens,
 * slashes, punctuation, symbols such as € and ★) separates words, so "zip-off" gives "zip" and "off".
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+|[.,]\p{N}+)*/gu;

/** Combining marks left after compatibility decomposition: removing them folds "é" to "e", "ｆ" to "f". */
const COMBINING_MARKS = /\p{M}/gu;

/** Longest word kept: nothing in a catalogue is longer, and it bounds the work one odd token can cause. */
const MAX_WORD_LENGTH = 40;

/**
 * Splits text into folded words: compatibility-normalised, accents removed, lowercased, possessive `'s`
 * and inner apostrophes dropped ("Men's" → "men", "Kids'" → "kids"). Indexing and querying both use it,
 * so a customer's spelling meets the catalogue's.
 */
export function foldWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(WORD)) {
    const folded = match[0]
      .normalize('NFKD')
      .replace(COMBINING_MARKS, '')
      .toLowerCase()
      .replace(/['’]s$/, '')
      .replace(/['’]/g, '')
      .replace(/,(?=\d)/g, '.');
    if (folded !== '' && folded.length <= MAX_WORD_LENGTH) words.push(folded);
  }
  return words;
}
