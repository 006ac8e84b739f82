import type { QueryLexicon } from './analyze-query.ts';
import { describeAttributes } from './describe-attributes.ts';
import { synonymWords } from './expand-synonyms.ts';
import { foldWords } from './fold-words.ts';
import type { SearchableProduct } from './searchable-product.ts';
import { createSpellingCorrector } from './spelling-corrector.ts';

/** How many products use each folded word: the spelling corrector's dictionary and tie-breaker. */
function vocabularyOf(products: readonly SearchableProduct[]): Map<string, number> {
  const vocabulary = new Map<string, number>();
  for (const product of products) {
    const text = [
      product.name,
      product.brand,
      product.categoryLabel,
      product.subcategory.replaceAll('-', ' '),
      ...product.tags,
      describeAttributes(product),
      product.colours.join(' '),
      product.description,
    ].join(' ');
    for (const word of new Set(foldWords(text))) vocabulary.set(word, (vocabulary.get(word) ?? 0) + 1);
  }
  for (const word of synonymWords()) if (word && !vocabulary.has(word)) vocabulary.set(word, 1);
  return vocabulary;
}

/** Colour words that are too common in other senses to read as a colour ("natural rubber"). */
const NOT_COLOURS = new Set(['natural']);

/** The catalogue's colour names and their last words ("forest green", "green"), longest first. */
function colourNamesOf(products: readonly SearchableProduct[]): string[] {
  const names = new Set<string>();
  for (const colour of products.flatMap((product) => product.colours)) {
    const name = foldWords(colour).join(' ');
    names.add(name);
    names.add(name.split(' ').at(-1) ?? name);
  }
  return [...names].filter((name) => !NOT_COLOURS.has(name)).sort((a, b) => b.length - a.length);
}

/** What query analysis needs to know of this catalogue: its words (for spelling) and its colours. */
export function buildQueryLexicon(products: readonly SearchableProduct[]): QueryLexicon {
  return { corrector: createSpellingCorrector(vocabularyOf(products)), colourNames: colourNamesOf(products) };
}
