import { findPhrase, type Token } from './text-tokens.ts';

/** A value read from the customer's text and the tokens it used up (so they stay out of a search query). */
export interface Found<T> {
  value: T;
  tokens: number[];
}

const NUMBER = /^\d+(?:[.,]\d+)?$/;
const CURRENCY_BEFORE = new Set(['€', '$', '£', 'eur', 'usd', 'gbp']);
const CURRENCY_AFTER = new Set('€ eur euro euros usd dollar dollars gbp pound pounds bucks kr nok sek dkk'.split(' '));

const UPPER_CUES = phrases(
  'under|below|less than|cheaper than|lower than|at most|up to|max|maximum|no more than|within',
);
const LOWER_CUES = phrases('over|above|more than|at least|min|minimum|from|starting at|higher than');
const UPPER_AFTER = phrases('or less|max|at most|or cheaper|tops');
const LOWER_AFTER = phrases('or more|min|at least');

/** "under 150 euros", "less than €80", "€150 or less" → 150 (`upper`); "over 50" → 50 (`lower`). */
export function findPriceBound(tokens: readonly Token[], bound: 'upper' | 'lower'): Found<number> | undefined {
  for (const cue of bound === 'upper' ? UPPER_CUES : LOWER_CUES) {
    let from = 0;
    while (from < tokens.length) {
      const at = findPhrase(tokens.slice(from), cue);
      if (at < 0) break;
      const start = from + at;
      const amount = readAmount(tokens, start + cue.length);
      // "from order A-1007" or "within 30 days" are not prices: a number with a currency or price word is.
      if (
        amount &&
        (amount.currency || cue[0] === 'under' || cue[0] === 'below' || cue[0] === 'over' || cue[0] === 'above')
      ) {
        return { value: amount.value, tokens: [...range(start, cue.length), ...amount.tokens] };
      }
      from = start + 1;
    }
  }
  for (const [index] of tokens.entries()) {
    const amount = readAmount(tokens, index);
    if (!amount?.currency) continue;
    const end = amount.tokens.at(-1) ?? index;
    for (const cue of bound === 'upper' ? UPPER_AFTER : LOWER_AFTER) {
      if (findPhrase(tokens.slice(end + 1, end + 1 + cue.length), cue) === 0) {
        return { value: amount.value, tokens: [...amount.tokens, ...range(end + 1, cue.length)] };
      }
    }
  }
  return undefined;
}

function readAmount(
  tokens: readonly Token[],
  start: number,
): { value: number; currency: boolean; tokens: number[] } | undefined {
  let index = start;
  const used: number[] = [];
  let currency = false;
  if (CURRENCY_BEFORE.has(tokens[index]?.lower ?? '')) {
    used.push(index++);
    currency = true;
  }
  const number = tokens[index];
  if (!number || !NUMBER.test(number.lower)) return undefined;
  used.push(index++);
  if (CURRENCY_AFTER.has(tokens[index]?.lower ?? '')) {
    used.push(index);
    currency = true;
  }
  return { value: Number(number.lower.replace(',', '.')), currency, tokens: used };
}

const WORD_SIZES: Record<string, string> = {
  xs: 'XS',
  small: 'S',
  medium: 'M',
  large: 'L',
  xl: 'XL',
  'x-large': 'XL',
  xxl: 'XXL',
  'xx-large': 'XXL',
};
const SIZE_TOKEN = /^(?:\d{1,2}(?:[.,]5)?|xxs|xs|s|m|l|xl|xxl|xxxl)$/;

/** "size 44", "EU 44", "in medium", "extra large", "XL" → "44", "M", "XL" (letters upper-cased). */
export function findSize(tokens: readonly Token[]): Found<string> | undefined {
  for (const [index, token] of tokens.entries()) {
    const next = tokens[index + 1];
    if ((token.lower === 'size' || token.lower === 'eu') && next) {
      if (SIZE_TOKEN.test(next.lower))
        return { value: next.lower.replace(',', '.').toUpperCase(), tokens: [index, index + 1] };
      const word = WORD_SIZES[next.lower];
      if (word) return { value: word, tokens: [index, index + 1] };
    }
  }
  const extra = findPhrase(tokens, ['extra', 'large']);
  if (extra >= 0) return { value: 'XL', tokens: [extra, extra + 1] };
  const small = findPhrase(tokens, ['extra', 'small']);
  if (small >= 0) return { value: 'XS', tokens: [small, small + 1] };
  for (const [index, token] of tokens.entries()) {
    // "too small"/"too large" describe a fit problem, not the size wanted.
    if (tokens[index - 1]?.lower === 'too') continue;
    const word = WORD_SIZES[token.lower];
    if (word) return { value: word, tokens: [index] };
  }
  return undefined;
}

const COLOURS = new Set(
  'black white grey gray red blue navy green olive yellow orange brown beige purple pink teal khaki charcoal burgundy turquoise sand forest slate'.split(
    ' ',
  ),
);

/** A colour word the text names ("the red one" → "red"). */
export function findColour(tokens: readonly Token[]): Found<string> | undefined {
  for (const [index, token] of tokens.entries()) {
    if (COLOURS.has(token.lower)) return { value: token.lower, tokens: [index] };
  }
  return undefined;
}

/** A calendar period named relative to today: "last month", "this year", "past week". */
export function findPeriod(tokens: readonly Token[], now: Date): Found<{ start: Date; end: Date }> | undefined {
  for (const [index, token] of tokens.entries()) {
    const unit = tokens[index + 1]?.lower;
    if (!['last', 'past', 'previous', 'this', 'current'].includes(token.lower)) continue;
    if (unit !== 'month' && unit !== 'year' && unit !== 'week') continue;
    const back = token.lower === 'this' || token.lower === 'current' ? 0 : 1;
    const y = now.getUTCFullYear();
    const m = now.getUTCMonth();
    let start: Date;
    let end: Date;
    if (unit === 'month') {
      start = new Date(Date.UTC(y, m - back, 1));
      end = new Date(Date.UTC(y, m - back + 1, 1));
    } else if (unit === 'year') {
      start = new Date(Date.UTC(y - back, 0, 1));
      end = new Date(Date.UTC(y - back + 1, 0, 1));
    } else {
      const monday = Date.UTC(y, m, now.getUTCDate() - ((now.getUTCDay() + 6) % 7));
      start = new Date(monday - back * 7 * 86_400_000);
      end = new Date(start.getTime() + 7 * 86_400_000);
    }
    return { value: { start, end }, tokens: [index, index + 1] };
  }
  return undefined;
}

/** "my last order", "the most recent one" → 1: the customer means a single, newest item. */
export function findSingleNewest(tokens: readonly Token[]): Found<number> | undefined {
  for (const [index, token] of tokens.entries()) {
    if (!['last', 'latest', 'newest', 'recent'].includes(token.lower)) continue;
    const next = tokens[index + 1];
    if (!next || ['month', 'year', 'week', 'time', 'day'].includes(next.lower)) continue;
    if (next.lower.endsWith('s') && next.lower !== 'purchase') continue; // "my recent orders": several
    return { value: 1, tokens: [index] };
  }
  return undefined;
}

/** A number right before or after one of `words`: "size 44", "3 results", "quantity 2". */
export function findNumberBeside(tokens: readonly Token[], words: readonly string[]): Found<number> | undefined {
  for (const [index, token] of tokens.entries()) {
    if (!NUMBER.test(token.lower)) continue;
    for (const neighbour of [index - 1, index + 1]) {
      const other = tokens[neighbour];
      if (other && words.some((word) => other.stem === word || other.lower === word)) {
        return { value: Number(token.lower.replace(',', '.')), tokens: [index, neighbour] };
      }
    }
  }
  return undefined;
}

function range(start: number, length: number): number[] {
  return Array.from({ length }, (_, offset) => start + offset);
}

/** `'at most|under'` → `[['at', 'most'], ['under']]`. */
function phrases(list: string): string[][] {
  return list.split('|').map((phrase) => phrase.split(' '));
}
