import { AnthropicError } from '@anthropic-ai/sdk';
import { partialParse } from '@anthropic-ai/sdk/_vendor/partial-json-parser/parser';
import type { ContentBlock, Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';

/**
 * Builds the complete message of one streamed model call from its raw events, as the SDK's `MessageStream`
 * does (same fields, same tool inputs), without what that helper does per event on top: a copy of the block
 * for every delta, an event emitter and its async queue. A turn's call streams a few hundred deltas, and the
 * worker runs many turns, so that per-event overhead was a fair share of its CPU (decision 0030).
 *
 * Tool inputs are kept as JSON text while they stream and parsed once when their block ends, with the SDK's
 * own partial-JSON parser: a call cut by `max_tokens` keeps the partial input the SDK would give, and a tool
 * with no input delta keeps its `{}`.
 */
export function createMessageAccumulator() {
  let message: Message | undefined;
  let stopped = false;
  /** Input JSON of tool blocks still streaming, by block index. */
  const inputJson = new Map<number, string>();

  const blockAt = (index: number): ContentBlock | undefined => message?.content[index];

  const finishInput = (index: number): void => {
    const json = inputJson.get(index);
    if (json === undefined) return;
    inputJson.delete(index);
    const block = blockAt(index);
    if (block?.type === 'tool_use' || block?.type === 'server_tool_use') block.input = json ? partialParse(json) : {};
  };

  return {
    /** Takes the next event of the stream. */
    add(event: RawMessageStreamEvent): void {
      if (event.type === 'message_start') {
        if (message) throw new AnthropicError(`Unexpected event order, got ${event.type} before "message_stop"`);
        message = event.message;
        return;
      }
      if (!message) return;
      switch (event.type) {
        case 'content_block_start':
          message.content[event.index] = { ...event.content_block };
          break;
        case 'content_block_delta': {
          const block = blockAt(event.index);
          const delta = event.delta;
          if (delta.type === 'text_delta') {
            if (block?.type === 'text') block.text = (block.text || '') + delta.text;
          } else if (delta.type === 'input_json_delta') {
            if (block?.type === 'tool_use' || block?.type === 'server_tool_use') {
              inputJson.set(event.index, (inputJson.get(event.index) ?? '') + delta.partial_json);
            }
          } else if (delta.type === 'thinking_delta') {
            if (block?.type === 'thinking') block.thinking += delta.thinking;
          } else if (delta.type === 'signature_delta') {
            if (block?.type === 'thinking') block.signature = delta.signature;
          } else if (delta.type === 'citations_delta') {
            if (block?.type === 'text') block.citations = [...(block.citations ?? []), delta.citation];
          }
          break;
        }
        case 'content_block_stop':
          finishInput(event.index);
          break;
        case 'message_delta': {
          const { delta, usage } = event;
          message.stop_reason = delta.stop_reason;
          message.stop_sequence = delta.stop_sequence;
          message.stop_details = delta.stop_details;
          message.usage.output_tokens = usage.output_tokens;
          if (delta.container != null) message.container = delta.container;
          // The other counters are whole-message totals, sent only when they apply: overwrite, never add.
          if (usage.input_tokens != null) message.usage.input_tokens = usage.input_tokens;
          if (usage.cache_creation_input_tokens != null) {
            message.usage.cache_creation_input_tokens = usage.cache_creation_input_tokens;
          }
          if (usage.cache_read_input_tokens != null)
            message.usage.cache_read_input_tokens = usage.cache_read_input_tokens;
          if (usage.server_tool_use != null) message.usage.server_tool_use = usage.server_tool_use;
          if (usage.output_tokens_details != null) message.usage.output_tokens_details = usage.output_tokens_details;
          break;
        }
        case 'message_stop':
          stopped = true;
          break;
        default:
          break;
      }
    },
    /** The complete message; throws when the stream ended before `message_stop`, as `finalMessage()` does. */
    message(): Message {
      if (!message || !stopped) {
        throw new AnthropicError('stream ended without producing a Message with role=assistant');
      }
      for (const index of [...inputJson.keys()]) finishInput(index);
      return message;
    },
  };
}
