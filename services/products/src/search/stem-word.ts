import { stemmer } from 'stemmer';

/**
 * Stems are cached because a catalogue and its queries repeat a small vocabulary. The cap keeps a stream
 * of unique garbage words from growing the cache without bound.
 */
const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

/** The Porter stem of a folded word ("boots" → "boot", "hiking" → "hike"); numbers are kept as they are. */
export function stemWord(word: string): string {
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = /\d/.test(word) ? word : stemmer(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, stem);
  }
  return stem;
}
