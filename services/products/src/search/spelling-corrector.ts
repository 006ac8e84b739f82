import { osaDistance } from './osa-distance.ts';

/** What a query word was corrected to: one word, or two when it was two words run together. */
export type Correction = readonly string[];

export interface SpellingCorrector {
  /** The word appears in the catalogue (or the shop's synonyms) as it is. */
  knows(word: string): boolean;
  /** The catalogue's spelling of an unknown word, or null when it is known or nothing is close enough. */
  correct(word: string): Correction | null;
}

/** Words shorter than this are never corrected: too many short words are one edit from each other. */
const MIN_LENGTH = 4;
/** Both halves of a split run-together word must be at least this long ("rain" + "jaket"). */
const MIN_PART_LENGTH = 3;

/** One edit for words of 4–7 letters, two from 8: the budget typo-tolerant search engines commonly use. */
function editBudget(length: number): number {
  return length >= 8 ? 2 : 1;
}

/**
 * Corrects query words that appear nowhere in the catalogue to the closest word that does (by
 * {@link osaDistance}, ties going to the word in more products), and splits run-together words
 * ("rainjaket" → "rain jacket"). Known words are never touched, so a correctly spelled query is never
 * diluted; numbers are never corrected.
 *
 * @param vocabulary every folded word of the indexed catalogue, with the number of products using it
 */
export function createSpellingCorrector(vocabulary: ReadonlyMap<string, number>): SpellingCorrector {
  const words = [...vocabulary.entries()].filter(([word]) => word.length >= MIN_PART_LENGTH && !/\d/.test(word));

  const closest = (word: string): { word: string; distance: number } | null => {
    const budget = editBudget(word.length);
    let best: { word: string; distance: number; frequency: number } | null = null;
    for (const [candidate, frequency] of words) {
      const distance = osaDistance(word, candidate, budget);
      if (distance > budget) continue;
      if (!best || distance < best.distance || (distance === best.distance && frequency > best.frequency)) {
        best = { word: candidate, distance, frequency };
      }
    }
    return best;
  };

  const knownOrClosest = (part: string): { word: string; distance: number } | null => {
    if (vocabulary.has(part)) return { word: part, distance: 0 };
    return part.length >= MIN_LENGTH ? closest(part) : null;
  };

  return {
    knows: (word) => vocabulary.has(word),
    correct(word) {
      if (vocabulary.has(word) || word.length < MIN_LENGTH || /\d/.test(word)) return null;
      const single = closest(word);
      if (single) return [single.word];
      let split: { words: [string, string]; distance: number } | null = null;
      for (let at = MIN_PART_LENGTH; at <= word.length - MIN_PART_LENGTH; at++) {
        const left = knownOrClosest(word.slice(0, at));
        const right = left ? knownOrClosest(word.slice(at)) : null;
        if (!left || !right) continue;
        const distance = left.distance + right.distance;
        if (distance <= editBudget(word.length) && (!split || distance < split.distance)) {
          split = { words: [left.word, right.word], distance };
        }
      }
      return split ? split.words : null;
    },
  };
}
