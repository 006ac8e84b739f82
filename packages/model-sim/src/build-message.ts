import type { Message, StopReason, TextBlock, ToolUseBlock, Usage } from '@anthropic-ai/sdk/resources/messages';
import { CHARS_PER_TOKEN, countTextTokens } from './count-tokens.ts';
import { deterministicId } from './message-ids.ts';
import type { MessagesRequest } from './messages-request-schema.ts';
import type { ReplyPlan } from './plan-reply.ts';
import type { CacheAccounting } from './prompt-cache.ts';
import { stableJson } from './stable-json.ts';

/** Tokens a tool call costs beyond its name and input: the block's framing. */
const TOOL_USE_OVERHEAD_TOKENS = 10;

/**
 * The complete assistant message for a plan, as the non-streaming API returns it and as a stream adds
 * up to: ids derived from the request, `max_tokens` and `stop_sequences` honoured, usage counted.
 */
export function buildMessage(request: MessagesRequest, plan: ReplyPlan, cache: CacheAccounting): Message {
  // Streaming or not, the same request gets the same ids.
  const seed = stableJson({ ...request, stream: undefined });
  let budget = request.max_tokens;
  let stopReason: StopReason = plan.kind === 'tools' ? 'tool_use' : 'end_turn';
  let stopSequence: string | null = null;
  const content: Array<TextBlock | ToolUseBlock> = [];

  if (plan.kind === 'text') {
    let text = plan.text;
    const stop = firstStopSequence(text, request.stop_sequences ?? []);
    if (stop) {
      text = text.slice(0, stop.index);
      stopReason = 'stop_sequence';
      stopSequence = stop.sequence;
    }
    if (countTextTokens(text) > budget) {
      text = text.slice(0, budget * CHARS_PER_TOKEN);
      stopReason = 'max_tokens';
      stopSequence = null;
    }
    budget -= countTextTokens(text);
    content.push({ type: 'text', text, citations: null });
  } else {
    for (const [index, call] of plan.calls.entries()) {
      const cost = toolUseTokens(call.name, call.input);
      // A call that does not fit is cut off, as the real API stops mid-block at max_tokens.
      if (cost > budget) {
        stopReason = 'max_tokens';
        break;
      }
      budget -= cost;
      content.push({
        type: 'tool_use',
        id: deterministicId('toolu_', `${seed}#${index}`),
        name: call.name,
        input: call.input,
        caller: { type: 'direct' },
      });
    }
  }

  return {
    id: deterministicId('msg_', seed),
    type: 'message',
    role: 'assistant',
    model: request.model,
    content,
    stop_reason: stopReason,
    stop_sequence: stopSequence,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: buildUsage(cache, request.max_tokens - budget),
  };
}

export function buildUsage(cache: CacheAccounting, outputTokens: number): Usage {
  return {
    input_tokens: cache.inputTokens,
    output_tokens: outputTokens,
    cache_creation_input_tokens: cache.cacheCreationInputTokens,
    cache_read_input_tokens: cache.cacheReadInputTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: cache.ephemeral5mInputTokens,
      ephemeral_1h_input_tokens: cache.ephemeral1hInputTokens,
    },
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    output_tokens_details: null,
    speed: null,
  };
}

function toolUseTokens(name: string, input: unknown): number {
  return TOOL_USE_OVERHEAD_TOKENS + countTextTokens(name) + countTextTokens(JSON.stringify(input));
}

function firstStopSequence(
  text: string,
  sequences: readonly string[],
): { index: number; sequence: string } | undefined {
  let best: { index: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (!sequence) continue;
    const index = text.indexOf(sequence);
    if (index >= 0 && (!best || index < best.index)) best = { index, sequence };
  }
  return best;
}
