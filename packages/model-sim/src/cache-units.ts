import { countBlockTokens, countTextTokens, MESSAGE_OVERHEAD_TOKENS, TOOL_USE_SYSTEM_TOKENS } from './count-tokens.ts';
import type { CacheControl, MessagesRequest } from './messages-request-schema.ts';
import { stableJson } from './stable-json.ts';

/**
 * One cacheable piece of a prompt, in the order the API builds its cache prefix: each tool definition,
 * then each system block, then each message block. A prefix is cached up to a unit carrying a breakpoint.
 */
export interface CacheUnit {
  /** Canonical content without `cache_control`, so marking a block does not change what it is. */
  key: string;
  tokens: number;
  /** Set on a unit that carries a `cache_control` breakpoint: how long its prefix stays cached. */
  breakpoint?: '5m' | '1h';
}

const OMIT_CACHE_CONTROL: ReadonlySet<string> = new Set(['cache_control']);

/** The request as cache units; their tokens add up to the request's input tokens. */
export function splitIntoCacheUnits(request: MessagesRequest): CacheUnit[] {
  const units: CacheUnit[] = [];
  const tools = request.tools ?? [];
  for (const [index, tool] of tools.entries()) {
    const key = stableJson({ tool }, OMIT_CACHE_CONTROL);
    const overhead = index === 0 ? TOOL_USE_SYSTEM_TOKENS : 0;
    units.push(unit(key, overhead + countTextTokens(key), tool.cache_control));
  }
  const system =
    typeof request.system === 'string' ? [{ type: 'text' as const, text: request.system }] : request.system;
  for (const block of system ?? []) {
    if (block.text === '') continue;
    units.push(
      unit(stableJson({ system: block }, OMIT_CACHE_CONTROL), countTextTokens(block.text), block.cache_control),
    );
  }
  for (const message of request.messages) {
    const blocks =
      typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
    for (const [index, block] of blocks.entries()) {
      const key = stableJson({ role: message.role, block }, OMIT_CACHE_CONTROL);
      const overhead = index === 0 ? MESSAGE_OVERHEAD_TOKENS : 0;
      units.push(unit(key, overhead + countBlockTokens(block), block.cache_control));
    }
  }
  // Automatic caching (top-level cache_control) places its breakpoint on the last block.
  const last = units.at(-1);
  if (request.cache_control && last && !last.breakpoint) last.breakpoint = request.cache_control.ttl ?? '5m';
  return units;
}

function unit(key: string, tokens: number, cacheControl: CacheControl): CacheUnit {
  return cacheControl ? { key, tokens, breakpoint: cacheControl.ttl ?? '5m' } : { key, tokens };
}
