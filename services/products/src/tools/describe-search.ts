import { formatMoney } from '@shopchat/money';
import type { z } from 'zod';
import type { ProductFilters } from '../catalogue/product-filters.ts';
import { describeCard } from './product-card.ts';
import type { searchProductsOutput } from './search-products-output.ts';

/** Products spelled out in the text answer; all of them are in the structured result. */
const PRODUCTS_IN_TEXT = 5;

function describeFilters(filters: ProductFilters): string {
  const parts = [
    filters.category,
    filters.waterproof === undefined ? null : filters.waterproof ? 'waterproof' : 'not waterproof',
    filters.gender ? `for ${filters.gender}` : null,
    filters.season ? `${filters.season}` : null,
    filters.size ? `size ${filters.size}` : null,
    filters.colour ? `colour ${filters.colour}` : null,
    filters.minPriceMinor !== undefined ? `from ${formatMoney(filters.minPriceMinor, 'EUR')}` : null,
    filters.maxPriceMinor !== undefined ? `up to ${formatMoney(filters.maxPriceMinor, 'EUR')}` : null,
    filters.inStock ? 'in stock' : null,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** The short readable answer of a search: what was searched, and the first results in a line each. */
export function describeSearch(result: z.infer<typeof searchProductsOutput>, filters: ProductFilters): string {
  const what = `${result.searched_for ? `"${result.searched_for}"` : 'products'}${describeFilters(filters)}`;
  const corrected = result.corrections.map((c) => `"${c.from}" read as "${c.to}"`).join(', ');
  const note = corrected ? ` (${corrected})` : '';
  if (result.results.length === 0) {
    return `No products match ${what}${note}. Try other words or fewer filters; list_categories shows what the shop sells.`;
  }
  const lines = result.results.slice(0, PRODUCTS_IN_TEXT).map((card, i) => `${i + 1}. ${describeCard(card)}`);
  const more = result.total_matches > PRODUCTS_IN_TEXT ? `\n…and ${result.total_matches - PRODUCTS_IN_TEXT} more.` : '';
  return `${result.total_matches} product${result.total_matches === 1 ? '' : 's'} for ${what}${note}:\n${lines.join('\n')}${more}`;
}
