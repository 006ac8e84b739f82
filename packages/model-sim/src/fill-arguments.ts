import {
  type Found,
  findColour,
  findNumberBeside,
  findPeriod,
  findPriceBound,
  findSingleNewest,
  findSize,
} from './extract-values.ts';
import { exactOrPlural, findPhrase, sameStem, type Token, tokenize } from './text-tokens.ts';
import { ORDER_NUMBER, type ParamProfile, type ParamSchema, type ToolProfile } from './tool-profile.ts';
import { isQueryWord, splitWords, stem } from './word-stems.ts';

/** Arguments read from the text, and the required parameters it did not supply. */
export interface FilledArguments {
  input: Record<string, unknown>;
  missing: ParamProfile[];
}

/** Words of a free-text query at most: a search box, not the whole message. */
const MAX_QUERY_WORDS = 12;
/** Negations that flip a boolean mentioned right after them ("not waterproof"). */
const NEGATIONS = new Set(['not', 'non', 'without', 'no']);

/**
 * Fills a tool's arguments from the customer's text, guided by its input schema: values matching a
 * parameter's pattern (order numbers), enum values the text names, prices ("under 150 euros"), sizes,
 * colours, periods ("last month"), booleans named by the text ("waterproof"), and finally a free-text
 * query from the content words nothing else used. Optional parameters are set only when the text
 * supports them; nothing is invented except the query. A note for a person (`summary`) quotes the text.
 */
export function fillArguments(tool: ToolProfile, text: string, now: Date): FilledArguments {
  const tokens = tokenize(text);
  const used = new Set<number>();
  const input: Record<string, unknown> = {};
  const take = <T>(found: Found<T> | undefined): T | undefined => {
    if (!found) return undefined;
    for (const index of found.tokens) used.add(index);
    return found.value;
  };

  // The order matters: specific readers first, so the free-text query gets only what is left.
  const queryParams: ParamProfile[] = [];
  for (const param of tool.params) {
    if (isNoteForPerson(param)) {
      // A note for a person (a hand-off's summary): the customer's own words, quoted, never made up.
      input[param.name] = `The customer wrote: "${text.trim().slice(0, MAX_NOTE_CHARS)}"`;
      continue;
    }
    if (param.freeText) {
      queryParams.push(param);
      continue;
    }
    const value = readParam(param, tokens, now, take);
    if (value !== undefined) input[param.name] = value;
  }
  for (const param of queryParams) {
    const words = tokens
      .filter((token, index) => !used.has(index) && isQueryWord(token.lower) && !ORDER_NUMBER.test(token.raw))
      .filter((token) => !/^[€$£]$/.test(token.lower) && !/^\d+([.,]\d+)?$/.test(token.lower))
      .map((token) => token.lower)
      .filter((word, index, all) => all.indexOf(word) === index)
      .slice(0, MAX_QUERY_WORDS);
    if (words.length > 0) input[param.name] = words.join(' ');
  }
  const missing = tool.params.filter((param) => param.required && input[param.name] === undefined);
  return { input, missing };
}

/** Characters of the customer's text quoted in a note for a person. */
const MAX_NOTE_CHARS = 300;
const NOTE_NAMES = new Set(['summary', 'note', 'notes']);

function isNoteForPerson(param: ParamProfile): boolean {
  return NOTE_NAMES.has(param.name) && param.schema.type === 'string' && !param.schema.enum;
}

type Take = <T>(found: Found<T> | undefined) => T | undefined;

function readParam(param: ParamProfile, tokens: Token[], now: Date, take: Take): unknown {
  const { schema, name } = param;
  const nameWords = splitWords(name.replace(/[_-]/g, ' '));
  const type = schema.type;

  if (
    type === 'string' &&
    (schema.format === 'date' || /(?:^|_)(?:date|after|before|since|until|from|to)(?:_|$)/.test(name))
  ) {
    const period = findPeriod(tokens, now);
    if (!period) return undefined;
    const isEnd = /before|until|(?:^|_)to(?:_|$)|end|max/.test(name);
    take(period);
    return (isEnd ? period.value.end : period.value.start).toISOString().slice(0, 10);
  }
  if (type === 'string' && (param.pattern || param.orderNumber)) {
    return take(findPatterned(tokens, param));
  }
  if (type === 'array' && schema.items?.type === 'string' && (schema.items.pattern || /order/.test(name))) {
    const itemParam = {
      ...param,
      schema: schema.items,
      pattern: compile(schema.items.pattern),
      orderNumber: /order/.test(name),
    };
    const values: string[] = [];
    for (
      let found = findPatterned(tokens, itemParam);
      found;
      found = findPatterned(tokens, itemParam, found.tokens[0])
    ) {
      values.push(take(found) as string);
    }
    return values.length > 0 ? values.slice(0, schema.maxItems ?? values.length) : undefined;
  }
  if (
    (type === 'number' || type === 'integer') &&
    /price|cost|budget|amount|eur|usd/.test(`${name} ${schema.description ?? ''}`.toLowerCase())
  ) {
    const bound = /min|lower|from|over/.test(name) ? 'lower' : 'upper';
    return take(withinBounds(findPriceBound(tokens, bound), schema));
  }
  if (nameWords.includes('size')) {
    const size = findSize(tokens);
    if (!size) return undefined;
    if (schema.enum) {
      const match = schema.enum.find((value) => String(value).toUpperCase() === size.value);
      return match === undefined ? undefined : take({ value: match, tokens: size.tokens });
    }
    if (type === 'number' || type === 'integer') {
      const numeric = Number(size.value);
      return Number.isFinite(numeric) ? take(withinBounds({ value: numeric, tokens: size.tokens }, schema)) : undefined;
    }
    return type === 'string' || type === undefined ? take(size) : undefined;
  }
  // An enum value does not use its words up: "hiking boots" is both the category and what to search for.
  if (schema.enum) return findEnumValue(tokens, schema.enum, param.required)?.value;
  if (nameWords.includes('colour') || nameWords.includes('color')) return take(findColour(tokens));
  if (type === 'boolean') return take(findBoolean(tokens, nameWords));
  if (type === 'integer' || type === 'number') {
    if (/^(?:limit|count|max_results|page_size|top_k|n)$/.test(name)) {
      return take(
        withinBounds(
          findSingleNewest(tokens) ??
            findNumberBeside(tokens, ['result', 'order', 'item', 'product', 'article', 'top']),
          schema,
        ),
      );
    }
    return take(withinBounds(findNumberBeside(tokens, nameWords.map(stem)), schema));
  }
  return undefined;
}

function findPatterned(tokens: Token[], param: ParamProfile, after = -1): Found<string> | undefined {
  const pattern = param.pattern ?? ORDER_NUMBER;
  for (let index = after + 1; index < tokens.length; index++) {
    const raw = tokens[index]?.raw ?? '';
    if (!pattern.test(raw)) continue;
    // Order numbers are stored as `A-1042`: offer that form when the schema accepts it.
    const normal = ORDER_NUMBER.test(raw) ? `${raw[0]?.toUpperCase()}-${raw.slice(1).replace(/^-/, '')}` : raw;
    return { value: pattern.test(normal) ? normal : raw, tokens: [index] };
  }
  return undefined;
}

/**
 * The enum value the text names: every word of it present, in order (`too_small` ← "too small",
 * `rain-jackets` ← "rain jacket"). Optional filters need the very words (so "cancel my order" does not
 * filter by `cancelled`); a required choice accepts the same stem. The longest match wins.
 */
function findEnumValue(tokens: Token[], values: unknown[], loose: boolean): Found<unknown> | undefined {
  let best: Found<unknown> | undefined;
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const words = splitWords(String(value).replace(/[_-]/g, ' '));
    let at = findPhrase(tokens, words, exactOrPlural);
    if (at < 0 && loose) at = findPhrase(tokens, words, sameStem);
    if (at < 0) continue;
    if (!best || words.length > best.tokens.length) {
      best = { value, tokens: Array.from({ length: words.length }, (_, offset) => at + offset) };
    }
  }
  return best;
}

/** "waterproof" → true for `waterproof`; "in stock" → true for `in_stock`; "not waterproof" → false. */
function findBoolean(tokens: Token[], nameWords: string[]): Found<boolean> | undefined {
  const words = nameWords.filter((word) => !['is', 'has', 'only', 'include'].includes(word));
  if (words.length === 0) return undefined;
  const at = findPhrase(tokens, words, exactOrPlural);
  if (at < 0) return undefined;
  const negated = NEGATIONS.has(tokens[at - 1]?.lower ?? '');
  return { value: !negated, tokens: Array.from({ length: words.length }, (_, offset) => at + offset) };
}

function withinBounds<T extends number>(found: Found<T> | undefined, schema: ParamSchema): Found<T> | undefined {
  if (!found) return undefined;
  if (schema.type === 'integer' && !Number.isInteger(found.value)) return undefined;
  if (schema.minimum !== undefined && found.value < schema.minimum) return undefined;
  if (schema.maximum !== undefined && found.value > schema.maximum) return undefined;
  return found;
}

function compile(source: string | undefined): RegExp | undefined {
  if (!source) return undefined;
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}
