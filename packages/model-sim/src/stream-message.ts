import { setTimeout as sleep } from 'node:timers/promises';
import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { countTextTokens } from './count-tokens.ts';
import type { SseWriter } from './sse-writer.ts';

/** How fast the simulated model answers. Zeros mean "as fast as possible" (the default for tests). */
export interface Pacing {
  /** Milliseconds before the first content event (time to first token). */
  ttftMs: number;
  /** Output tokens per second for deltas; 0 = unlimited. */
  tokensPerSecond: number;
}

/** Longest piece of a word sent in one delta; longer words (URLs) are split. */
const MAX_PIECE_CHARS = 12;
/** Characters of tool input JSON per `input_json_delta`. */
const JSON_CHUNK_CHARS = 16;
/** Waits shorter than this are skipped: timers are not that precise, and the average rate still holds. */
const MIN_WAIT_MS = 2;

/**
 * Streams a complete message as the Messages API does: `message_start`, then per content block
 * `content_block_start`, its deltas (`text_delta` word by word, `input_json_delta` in chunks starting
 * with an empty one) and `content_block_stop`, a `ping` after the first block starts, then
 * `message_delta` (stop reason, usage) and `message_stop`. Paced by {@link Pacing}; stops when `signal`
 * aborts (the client went away).
 */
export async function streamMessage(
  sse: SseWriter,
  message: Message,
  pacing: Pacing,
  signal: AbortSignal,
): Promise<void> {
  const send = (event: RawMessageStreamEvent) => sse.send(event.type, event);
  if (pacing.ttftMs > 0) await sleep(pacing.ttftMs, undefined, { signal });

  const startedAt = performance.now();
  let paced = 0;
  const pace = async (tokens: number) => {
    if (pacing.tokensPerSecond <= 0) return;
    paced += tokens;
    const wait = startedAt + (paced * 1000) / pacing.tokensPerSecond - performance.now();
    if (wait >= MIN_WAIT_MS) await sleep(wait, undefined, { signal });
  };

  await send({
    type: 'message_start',
    message: {
      ...message,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...message.usage, output_tokens: Math.min(1, message.usage.output_tokens) },
    },
  });

  for (const [index, block] of message.content.entries()) {
    if (block.type === 'text') {
      await send({ type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: null } });
      if (index === 0) await sse.send('ping', { type: 'ping' });
      for (const piece of splitIntoPieces(block.text)) {
        await send({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
        await pace(Math.max(1, countTextTokens(piece)));
      }
    } else if (block.type === 'tool_use') {
      await send({ type: 'content_block_start', index, content_block: { ...block, input: {} } });
      if (index === 0) await sse.send('ping', { type: 'ping' });
      const json = JSON.stringify(block.input);
      await send({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: '' } });
      for (let offset = 0; offset < json.length; offset += JSON_CHUNK_CHARS) {
        const chunk = json.slice(offset, offset + JSON_CHUNK_CHARS);
        await send({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: chunk } });
        await pace(countTextTokens(chunk));
      }
    }
    await send({ type: 'content_block_stop', index });
  }
  if (message.content.length === 0) await sse.send('ping', { type: 'ping' });

  const usage = message.usage;
  await send({
    type: 'message_delta',
    delta: {
      stop_reason: message.stop_reason,
      stop_sequence: message.stop_sequence,
      stop_details: null,
      container: null,
    },
    usage: {
      output_tokens: usage.output_tokens,
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      server_tool_use: null,
      output_tokens_details: null,
    },
  });
  await send({ type: 'message_stop' });
}

/** Token-ish pieces: each word with the whitespace before it, long words cut into pieces. */
export function splitIntoPieces(text: string): string[] {
  const words = text.match(/\s*\S+|\s+$/g) ?? [];
  return words.flatMap((word) => {
    if (word.length <= MAX_PIECE_CHARS) return [word];
    const pieces: string[] = [];
    for (let offset = 0; offset < word.length; offset += MAX_PIECE_CHARS)
      pieces.push(word.slice(offset, offset + MAX_PIECE_CHARS));
    return pieces;
  });
}

/** How long a non-streaming answer takes at the configured pace: first token, then every output token. */
export function generationMs(message: Message, pacing: Pacing): number {
  const tokens = pacing.tokensPerSecond > 0 ? (message.usage.output_tokens * 1000) / pacing.tokensPerSecond : 0;
  return pacing.ttftMs + tokens;
}
