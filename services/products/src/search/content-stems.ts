import { foldWords } from './fold-words.ts';
import { joinLookAlikes } from './join-look-alikes.ts';
import { stemWord } from './stem-word.ts';
import { STOPWORDS } from './stopwords.ts';

/** The index terms of folded words: look-alike materials joined, stopwords dropped, the rest stemmed. */
export function contentStems(words: readonly string[]): string[] {
  return joinLookAlikes(words)
    .filter((word) => !STOPWORDS.has(word))
    .map(stemWord);
}

/** The index terms of a text. */
export function textStems(text: string): string[] {
  return contentStems(foldWords(text));
}

/**
 * Adjacent pairs of terms as one term each ("rain_jacket"): matching a pair rewards the words of a phrase
 * standing together, which single-word BM25 cannot see.
 */
export function stemPairs(stems: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 1; i < stems.length; i++) pairs.push(`${stems[i - 1]}_${stems[i]}`);
  return pairs;
}
