/**
 * Words that carry no intent: they never decide which tool fits nor go into a free-text query. Question
 * words like "where" and "when" are kept for scoring (they distinguish "where is my order" from "show me
 * my order") but dropped from queries by {@link QUERY_STOPWORDS}.
 */
const STOPWORDS = new Set(
  `a about above after again all also am an and any are as at be because been being both but by can could
  did do does doing don down during each else etc few for from further get got had has have having he her
  here hers him his i i'd i'm if in into is it it's its just let me might mine more most much must my myself
  no nor not now of off on once only or other our ours out over own please same shall she should so some
  such than thank thanks that the their theirs them then there these they this those through to too under
  until up us very want was we were what which while who whom why will with would yes yet you your yours
  hi hello hey ok okay`
    .split(/\s+/)
    .filter(Boolean),
);

/** Kept when scoring tools, dropped from a free-text query ("where" helps pick a tool, not find a document). */
const QUERY_STOPWORDS = new Set(['where', 'when', 'how', 'long', 'tell', 'know', 'need', 'like', 'get', 'show']);

/** A word of a text: its position-independent stem and the surface form it came from. */
export interface Word {
  /** Lower-cased as written. */
  text: string;
  stem: string;
}

/** Splits text into lower-case words (letters and digits; apostrophes inside words kept). */
export function splitWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/**
 * A light stemmer: enough that "orders", "ordered" and "order", or "shipping", "shipped" and "shipment"
 * meet, without a dictionary. Deliberately crude; {@link wordsMatch} adds prefix matching for the rest.
 */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  const before = w;
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5);
  else if (w.endsWith('ment') && w.length > 6) w = w.slice(0, -4);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (/(?:sh|ch|x|ss|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // "shipped" → "shipp" → "ship", "cancelled" → "cancell" → "cancel".
  if (w !== before && /([bdgklmnprt])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Same stem, or one a prefix of the other when both are long enough to mean the same ("deliver"/"delivery"). */
export function wordsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5) return false;
  return a.startsWith(b) || b.startsWith(a);
}

/** The content words of a text, stemmed, for scoring: stopwords and bare numbers removed. */
export function contentWords(text: string): Word[] {
  return splitWords(text)
    .filter((word) => !STOPWORDS.has(word) && !/^\d+$/.test(word))
    .map((word) => ({ text: word, stem: stem(word) }));
}

/** Whether a word belongs in a free-text search query (content word, not a question word). */
export function isQueryWord(word: string): boolean {
  return !STOPWORDS.has(word) && !QUERY_STOPWORDS.has(word);
}

/** Unique stems of a text's content words. */
export function stemSet(text: string): Set<string> {
  return new Set(contentWords(text).map((word) => word.stem));
}
