import type { Analyzer } from './analyzer.ts';
import { escapeHtml } from './escape-html.ts';

export interface SnippetOptions {
  /** Longest snippet, in characters of plain text before escaping and markers. Default 200. */
  maxChars?: number;
}

/** Default snippet length: two lines of a search result, about one sentence and a half. */
export const DEFAULT_SNIPPET_CHARS = 200;

/** Inserted where text was cut; plain text, so it needs no escaping. */
const ELLIPSIS = '…';

/**
 * Cuts the window of `text` that holds the most distinct query terms and returns it as HTML-safe text:
 * every character of the document is escaped first, then each word whose term matches a query term is
 * wrapped in `<mark>…</mark>`, so the only markup in a snippet is ours. Matching goes through the same
 * analyzer as ranking, so "returned" is marked for the query "returns". The window starts at a word, is
 * widened to whole words, and gets an ellipsis on each side where the text goes on.
 */
export function makeSnippet(
  text: string,
  queryTerms: ReadonlySet<string>,
  analyzer: Analyzer,
  options: SnippetOptions = {},
): string {
  const maxChars = options.maxChars ?? DEFAULT_SNIPPET_CHARS;
  const tokens = analyzer.tokens(text);
  const hits = tokens.filter((token) => token.term !== null && queryTerms.has(token.term));
  const [start, end] = bestWindow(text, hits, maxChars);
  let html = start > 0 ? ELLIPSIS : '';
  let cursor = start;
  for (const hit of hits) {
    if (hit.start < start || hit.end > end) continue;
    html += `${escapeHtml(text.slice(cursor, hit.start))}<mark>${escapeHtml(text.slice(hit.start, hit.end))}</mark>`;
    cursor = hit.end;
  }
  html += escapeHtml(text.slice(cursor, end));
  return end < text.length ? `${html}${ELLIPSIS}` : html;
}

/** Start and end offsets of the snippet: the densest window of hits, trimmed to whole words. */
function bestWindow(text: string, hits: readonly { term: string | null; start: number }[], maxChars: number) {
  if (text.length <= maxChars) return [0, text.length] as const;
  let bestStart = 0;
  let bestCount = 0;
  // Each window starts at a hit; its score is how many distinct terms it covers (not repeats of one).
  for (const [i, first] of hits.entries()) {
    const seen = new Set<string | null>();
    for (let j = i; j < hits.length && (hits[j]?.start ?? Infinity) < first.start + maxChars; j += 1) {
      seen.add(hits[j]?.term ?? null);
    }
    if (seen.size > bestCount) {
      bestCount = seen.size;
      bestStart = first.start;
    }
  }
  // Give the first hit a little context before it, starting at a word boundary.
  let start = Math.max(0, bestStart - Math.floor(maxChars / 4));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space === -1 || space >= bestStart ? bestStart : space + 1;
  }
  let end = Math.min(text.length, start + maxChars);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  return [start, end] as const;
}
