import { normalizeSize } from '../catalogue/normalize-size.ts';

/** Filters a customer stated in words, and the words left to search for. */
export interface QueryFilters {
  size?: string;
  minPriceMinor?: number;
  maxPriceMinor?: number;
  /** The query without the phrases that became filters. */
  text: string;
}

const CURRENCY = String.raw`(?:€|eur\b|euros?\b)`;
const AMOUNT = String.raw`(\d{1,6}(?:[.,]\d{1,2})?)`;
/** Units that make a number something other than a price: "under 2 kg", "over 30 litres". */
const OTHER_UNIT = String.raw`\s*(?:kg|g|grams?|l|litres?|liters?|mm|cm|km|m|degrees?|lumens?|persons?|people|man)\b|\s*[°%]|\d|[.,]\d`;
/** An amount with an optional currency sign or word, not followed by another unit. */
const PRICE = String.raw`${CURRENCY}?\s*${AMOUNT}\s*${CURRENCY}?(?!${OTHER_UNIT})`;

const MAX_PRICE = new RegExp(
  String.raw`\b(?:under|below|less than|up to|max(?:imum)?|at most|no more than|cheaper than)\s+${PRICE}`,
  'i',
);
const MIN_PRICE = new RegExp(String.raw`\b(?:over|above|more than|at least|from)\s+${PRICE}`, 'i');
const BETWEEN = new RegExp(String.raw`\bbetween\s+${PRICE}\s+and\s+${PRICE}`, 'i');
const SIZE =
  /\b(?:in\s+)?(?:size|eu)\s+(\d{2}(?:[.,]5)?|x{0,2}[sml]|xxl|one[\s-]size|(?:extra|x)[\s-]?(?:small|large)|small|medium|large)\b/i;
const SIZE_WORD = /\bin\s+(?:an?\s+)?(?:size\s+)?((?:extra|x|xx)[\s-]?(?:small|large)|small|medium|large)\b/i;

function minor(amount: string): number {
  return Math.round(Number.parseFloat(amount.replace(',', '.')) * 100);
}

/**
 * Reads the filters people put into their words: a size ("size 44", "in medium", "EU 42") and a price
 * bound ("under 150 euros", "over €100", "between 50 and 80"). They are applied as exact filters when the
 * caller did not pass the structured argument, and are removed from the words searched, so "150" or
 * "euros" never decide a ranking.
 */
export function extractQueryFilters(query: string): QueryFilters {
  let text = query;
  const found: Omit<QueryFilters, 'text'> = {};
  const take = (pattern: RegExp, apply: (match: RegExpExecArray) => void) => {
    const match = pattern.exec(text);
    if (!match) return;
    apply(match);
    text = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
  };
  take(BETWEEN, (m) => {
    const [low, high] = [minor(m[1] ?? '0'), minor(m[2] ?? '0')].sort((a, b) => a - b);
    found.minPriceMinor = low;
    found.maxPriceMinor = high;
  });
  take(MAX_PRICE, (m) => {
    found.maxPriceMinor = minor(m[1] ?? '0');
  });
  take(MIN_PRICE, (m) => {
    found.minPriceMinor = minor(m[1] ?? '0');
  });
  take(SIZE, (m) => {
    found.size = normalizeSize(m[1] ?? '');
  });
  if (!found.size) {
    take(SIZE_WORD, (m) => {
      found.size = normalizeSize(m[1] ?? '');
    });
  }
  return { ...found, text: text.replace(/\s+/g, ' ').trim() };
}
