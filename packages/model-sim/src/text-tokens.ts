import { stem } from './word-stems.ts';

/** A token of the customer's text, as written and lower-cased, with its stem. */
export interface Token {
  raw: string;
  lower: string;
  stem: string;
}

/**
 * Tokens that keep what customers write as one unit: `A-1042`, `x-large`, `2-person`, `149.95`, and
 * currency signs on their own (`€150` → `€`, `150`).
 */
export function tokenize(text: string): Token[] {
  const matches = text.match(/[€$£]|[\p{L}\p{N}]+(?:[-'.,][\p{L}\p{N}]+)*/gu) ?? [];
  return matches.map((raw) => {
    const lower = raw.toLowerCase();
    return { raw, lower, stem: stem(lower) };
  });
}

/** Sentences, so "My jacket from order A-1007 leaks. Is that covered?" is seen as two requests. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** A question by form: a question mark, or an opening question word ("how do I…", "can I…"). */
export function isQuestion(text: string): boolean {
  return /\?/.test(text) || /^\s*(?:how|what|when|where|why|which|who|can|could|do|does|is|are|will|may)\b/i.test(text);
}

/** Index of the first occurrence of `phrase` (lower-case words) as consecutive tokens, or -1. */
export function findPhrase(tokens: readonly Token[], phrase: readonly string[], matches = exactOrPlural): number {
  if (phrase.length === 0) return -1;
  outer: for (let start = 0; start + phrase.length <= tokens.length; start++) {
    for (const [offset, word] of phrase.entries()) {
      const token = tokens[start + offset];
      if (!token || !matches(token, word)) continue outer;
    }
    return start;
  }
  return -1;
}

/** `jacket` matches `jacket` and `jackets`; no looser. */
export function exactOrPlural(token: Token, word: string): boolean {
  return token.lower === word || token.lower === `${word}s` || `${token.lower}s` === word;
}

/** Same stem: `cancelled` matches `cancel`. */
export function sameStem(token: Token, word: string): boolean {
  return token.stem === stem(word);
}
