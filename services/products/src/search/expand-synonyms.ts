import { stemPairs, textStems } from './content-stems.ts';
import type { ClauseAlternative, QueryClause } from './query-clause.ts';
import { SHOP_SYNONYMS, type SynonymSet } from './shop-synonyms.ts';

/** Weight of a phrase that means the same as the customer's words: close to theirs, never above. */
export const SYNONYM_WEIGHT = 0.8;
/** Weight of a broader phrase: enough to bring related products in, after the ones asked for. */
export const BROADER_WEIGHT = 0.4;

interface CompiledSet {
  same: string[][];
  broader: string[][];
}

const key = (phrase: readonly string[]) => phrase.join(' ');

function compile(sets: readonly SynonymSet[]): CompiledSet[] {
  const stems = (phrases: readonly string[]) => phrases.map(textStems).filter((phrase) => phrase.length > 0);
  return sets.map((set) => ({ same: stems(set.same), broader: stems(set.broader ?? []) }));
}

const COMPILED = compile(SHOP_SYNONYMS);
/** Every `same` phrase → the sets it belongs to. */
const SETS_OF_PHRASE = new Map<string, CompiledSet[]>();
for (const set of COMPILED) {
  for (const phrase of set.same) SETS_OF_PHRASE.set(key(phrase), [...(SETS_OF_PHRASE.get(key(phrase)) ?? []), set]);
}
const LONGEST_PHRASE = Math.max(...COMPILED.flatMap((set) => set.same.map((phrase) => phrase.length)));

/**
 * A phrase as searched: its stems and its stem pairs. Its weight is scaled to the length of the
 * customer's phrase it replaces, so "merino wool" standing in for "merino" does not count as two words,
 * nor "raincoat" standing in for "rain jacket" as one.
 */
function alternative(phrase: readonly string[], weight: number, ownLength: number): ClauseAlternative {
  return { terms: [...phrase, ...stemPairs(phrase)], weight: (weight * ownLength) / phrase.length };
}

/**
 * Splits the customer's stems into clauses: the longest phrase of the shop's vocabulary (see
 * {@link SHOP_SYNONYMS}) found at each position becomes one clause whose alternatives are the customer's
 * phrase (weight 1), its same-meaning phrases ({@link SYNONYM_WEIGHT}) and broader ones
 * ({@link BROADER_WEIGHT}); every other stem is a clause of its own. Returns, per clause, the span of
 * stems it covers.
 */
export function expandSynonyms(stems: readonly string[]): { clause: QueryClause; start: number; end: number }[] {
  const clauses: { clause: QueryClause; start: number; end: number }[] = [];
  let start = 0;
  while (start < stems.length) {
    let sets: CompiledSet[] | undefined;
    let length = Math.min(LONGEST_PHRASE, stems.length - start);
    for (; length > 0; length--) {
      sets = SETS_OF_PHRASE.get(key(stems.slice(start, start + length)));
      if (sets) break;
    }
    const own = stems.slice(start, start + Math.max(length, 1));
    const alternatives = new Map<string, ClauseAlternative>([[key(own), alternative(own, 1, own.length)]]);
    const offer = (phrase: readonly string[], weight: number) => {
      const offered = alternative(phrase, weight, own.length);
      if ((alternatives.get(key(phrase))?.weight ?? 0) < offered.weight) alternatives.set(key(phrase), offered);
    };
    for (const set of sets ?? []) {
      for (const phrase of set.same) offer(phrase, SYNONYM_WEIGHT);
      for (const phrase of set.broader) offer(phrase, BROADER_WEIGHT);
    }
    clauses.push({ clause: { alternatives: [...alternatives.values()] }, start, end: start + own.length });
    start += own.length;
  }
  return clauses;
}

/** Every word the synonym table knows, so the spelling corrector can correct towards them too. */
export function synonymWords(): string[] {
  return SHOP_SYNONYMS.flatMap((set) => [...set.same, ...(set.broader ?? [])]).flatMap((phrase) =>
    phrase.toLowerCase().split(/[^a-z]+/),
  );
}
