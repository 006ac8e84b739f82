import type { ContentBlockParam } from './messages-request-schema.ts';

/** The usual rule of thumb for English text and JSON: about four characters per token. */
export const CHARS_PER_TOKEN = 4;
/** Role markers and separators the API wraps around each message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** The hidden tool-use system prompt the real API adds whenever tools are present (≈ 300 tokens). */
export const TOOL_USE_SYSTEM_TOKENS = 300;
/** An image of unknown size: the real API charges (width × height) / 750, about 1,000 for a typical photo. */
const IMAGE_TOKENS = 1_000;

/** Approximate, deterministic token count of a text: ⌈characters / 4⌉. */
export function countTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Tokens of one content block as the model would read it. */
export function countBlockTokens(block: ContentBlockParam): number {
  switch (block.type) {
    case 'text':
      return countTextTokens(block.text);
    case 'image':
      return IMAGE_TOKENS;
    case 'tool_use':
      return countTextTokens(block.name) + countTextTokens(JSON.stringify(block.input));
    case 'tool_result': {
      const content = block.content ?? '';
      if (typeof content === 'string') return 3 + countTextTokens(content);
      return (
        3 + content.reduce((sum, part) => sum + (part.type === 'text' ? countTextTokens(part.text) : IMAGE_TOKENS), 0)
      );
    }
    default:
      return countTextTokens(JSON.stringify(block));
  }
}
