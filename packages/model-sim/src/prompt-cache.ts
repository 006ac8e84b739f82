import { createHash } from 'node:crypto';
import type { CacheUnit } from './cache-units.ts';

/** Prompt-cache behaviour, with the real API's figures as defaults. */
export interface PromptCacheOptions {
  /** Prefixes remembered at most; the least recently used is forgotten first. Default 10,000. */
  maxEntries?: number;
  /** Shortest prefix that is cached, in tokens (1,024 for Sonnet and Opus models). Default 1,024. */
  minCacheableTokens?: number;
  /** Milliseconds since the epoch; injected so tests can move time past a TTL. */
  now?: () => number;
}

export const PROMPT_CACHE_DEFAULTS = {
  maxEntries: 10_000,
  minCacheableTokens: 1_024,
} as const satisfies PromptCacheOptions;

/** How far before a breakpoint the API looks for an earlier cached prefix (20 blocks). */
const LOOKBACK_UNITS = 20;
const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

/** The cache fields of one request's usage. */
export interface CacheAccounting {
  /** Tokens neither read from nor written to the cache. */
  inputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
  /** `cacheCreationInputTokens` split by the TTL of the breakpoint that closed each written segment. */
  ephemeral5mInputTokens: number;
  ephemeral1hInputTokens: number;
}

export interface PromptCache {
  /** Looks the request's prefixes up, records the new ones, and says how its input tokens divide. */
  account(model: string, units: readonly CacheUnit[]): CacheAccounting;
  readonly size: number;
}

interface Entry {
  expiresAt: number;
  ttl: keyof typeof TTL_MS;
}

/**
 * Simulates Anthropic prompt caching: the prefix up to a `cache_control` breakpoint (tools, then system,
 * then messages) is written on first sight and read by later requests with the same prefix (same model)
 * while it lives: 5 minutes, or 1 hour with `ttl: "1h"`, refreshed on every read. A breakpoint also finds
 * a prefix cached up to 20 blocks before it, so a conversation that moves its breakpoint to the newest
 * message still reads what the previous turn wrote.
 */
export function createPromptCache(options: PromptCacheOptions = {}): PromptCache {
  const maxEntries = options.maxEntries ?? PROMPT_CACHE_DEFAULTS.maxEntries;
  const minTokens = options.minCacheableTokens ?? PROMPT_CACHE_DEFAULTS.minCacheableTokens;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const lookup = (hash: string, at: number): Entry | undefined => {
    const entry = entries.get(hash);
    if (!entry) return undefined;
    entries.delete(hash);
    if (entry.expiresAt <= at) return undefined;
    entries.set(hash, entry); // most recently used goes last
    return entry;
  };
  const store = (hash: string, entry: Entry) => {
    entries.delete(hash);
    entries.set(hash, entry);
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };

  return {
    get size() {
      return entries.size;
    },
    account(model, units) {
      const at = now();
      const hashes: string[] = [];
      const cumulative: number[] = [];
      let hash = digest(`model:${model}`);
      let total = 0;
      for (const unit of units) {
        hash = digest(`${hash}\n${unit.key}`);
        total += unit.tokens;
        hashes.push(hash);
        cumulative.push(total);
      }
      const breakpoints = units.flatMap((unit, index) => (unit.breakpoint ? [index] : []));

      let hit = -1;
      for (const breakpoint of breakpoints) {
        for (let position = breakpoint; position >= Math.max(0, breakpoint - LOOKBACK_UNITS + 1); position--) {
          if (position <= hit) break;
          const entry = lookup(hashes[position] ?? '', at);
          if (entry) {
            entry.expiresAt = at + TTL_MS[entry.ttl];
            hit = position;
            break;
          }
        }
      }
      const read = hit >= 0 ? (cumulative[hit] ?? 0) : 0;

      let written5m = 0;
      let written1h = 0;
      let segmentStart = read;
      for (const breakpoint of breakpoints) {
        const end = cumulative[breakpoint] ?? 0;
        const ttl = units[breakpoint]?.breakpoint;
        if (breakpoint <= hit || end < minTokens || !ttl) continue;
        store(hashes[breakpoint] ?? '', { expiresAt: at + TTL_MS[ttl], ttl });
        if (ttl === '1h') written1h += end - segmentStart;
        else written5m += end - segmentStart;
        segmentStart = end;
      }
      const created = written5m + written1h;
      return {
        inputTokens: total - read - created,
        cacheReadInputTokens: read,
        cacheCreationInputTokens: created,
        ephemeral5mInputTokens: written5m,
        ephemeral1hInputTokens: written1h,
      };
    },
  };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
