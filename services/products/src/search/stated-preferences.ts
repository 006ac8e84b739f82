import type { SearchableProduct } from './searchable-product.ts';

/**
 * What a customer's words prefer without naming a filter: a colour ("red rain jacket"), a capacity
 * ("30 litre rucksack"), a number of people ("tent for 2"). Products that fit rank first; the others stay
 * in the list, because the customer may settle for them (and the model can still say they differ).
 */
export interface StatedPreferences {
  /** Lower-cased catalogue colours named in the query. */
  colours: string[];
  capacityLitres?: number;
  persons?: number;
}

/** Relevance multiplier for a product that does not come in the colour asked for. */
export const COLOUR_MISS_WEIGHT = 0.6;
/** …whose capacity is far (more than a fifth, and more than 5 L) from the one asked for. */
export const CAPACITY_MISS_WEIGHT = 0.6;
/** …that sleeps a different number of people (one more or fewer: halfway). */
export const PERSONS_MISS_WEIGHT = 0.6;

const CAPACITY = /\b(\d{1,3}(?:\.\d{1,2})?)\s*(?:l|ltr|litres?|liters?)\b/;
const PERSONS = /\b(\d{1,2})\s*(?:-\s*)?(?:persons?|people|man|men|berth|sleeper)\b/;

/**
 * Finds the preferences in a query (folded text) given the catalogue's colour names (lower case,
 * longest first, so "forest green" wins over "green").
 */
export function statedPreferences(foldedQuery: string, colourNames: readonly string[]): StatedPreferences {
  const padded = ` ${foldedQuery} `;
  const colours = colourNames.filter((colour) => padded.includes(` ${colour} `));
  const capacity = CAPACITY.exec(foldedQuery)?.[1];
  const persons = PERSONS.exec(foldedQuery)?.[1];
  return {
    colours,
    ...(capacity ? { capacityLitres: Number(capacity) } : {}),
    ...(persons ? { persons: Number(persons) } : {}),
  };
}

/** How well a product fits the stated preferences (1 = fully; a product without the attribute is not judged). */
export function preferenceWeight(preferences: StatedPreferences, product: SearchableProduct): number {
  let weight = 1;
  if (preferences.colours.length > 0) {
    const has = product.colours.some((colour) => {
      const name = colour.toLowerCase();
      return preferences.colours.some((wanted) => name === wanted || name.split(' ').includes(wanted));
    });
    if (!has) weight *= COLOUR_MISS_WEIGHT;
  }
  const capacity = product.attributes.capacityLitres;
  if (preferences.capacityLitres !== undefined && typeof capacity === 'number') {
    const gap = Math.abs(capacity - preferences.capacityLitres);
    if (gap > 5 && gap > preferences.capacityLitres / 5) weight *= CAPACITY_MISS_WEIGHT;
  }
  const persons = product.attributes.persons;
  if (preferences.persons !== undefined && typeof persons === 'number' && persons !== preferences.persons) {
    weight *= Math.abs(persons - preferences.persons) === 1 ? (1 + PERSONS_MISS_WEIGHT) / 2 : PERSONS_MISS_WEIGHT;
  }
  return weight;
}
