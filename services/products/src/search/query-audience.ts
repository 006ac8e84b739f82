import type { Gender } from '../catalogue/product.ts';
import { stemWord } from './stem-word.ts';

/** Who a query is shopping for, when its words say so. */
export type Audience = 'kids' | 'women' | 'men';

const AUDIENCE_WORDS: Record<Audience, readonly string[]> = {
  kids: ['kids', 'kid', 'children', 'child', 'childrens', 'junior', 'boys', 'girls', 'youth', 'toddler', 'baby'],
  women: ['women', 'womens', 'woman', 'ladies', 'lady', 'female'],
  men: ['men', 'mens', 'man', 'gents', 'male'],
};

const AUDIENCE_OF_STEM = new Map<string, Audience>(
  (Object.entries(AUDIENCE_WORDS) as [Audience, readonly string[]][]).flatMap(([audience, words]) =>
    words.map((word) => [stemWord(word), audience] as const),
  ),
);

/**
 * Relevance multiplier for a product made for someone other than the shopper: a men's boot for "women's
 * boots", an adult jacket for "kids' jacket". Without a word about who it is for, the shopper is taken
 * to be an adult, so kids' products follow adult ones. Unisex products suit every adult.
 */
export const AUDIENCE_MISMATCH_WEIGHT = 0.5;
export const KIDS_UNASKED_WEIGHT = 0.6;
/** Adult sizes never fit a child: an adult product for a kids' query comes after every kids' one. */
export const ADULT_FOR_KIDS_WEIGHT = 0.3;
/** A unisex product suits a men's or women's query, just after the products cut for that gender. */
export const UNISEX_WEIGHT = 0.85;

/** The audience the query's stems name (the first one named), or null. */
export function queryAudience(stems: Iterable<string>): Audience | null {
  for (const stem of stems) {
    const audience = AUDIENCE_OF_STEM.get(stem);
    if (audience) return audience;
  }
  return null;
}

/** How well a product made for `gender` suits a query for `audience` (1 = fully). */
export function audienceWeight(audience: Audience | null, gender: Gender): number {
  if (audience === null) return gender === 'kids' ? KIDS_UNASKED_WEIGHT : 1;
  if (audience === 'kids') return gender === 'kids' ? 1 : ADULT_FOR_KIDS_WEIGHT;
  if (gender === audience) return 1;
  return gender === 'unisex' ? UNISEX_WEIGHT : AUDIENCE_MISMATCH_WEIGHT;
}
