import type Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { TurnSink } from './turn-contract.ts';

/**
 * One streamed model call: forwards text as it arrives (`text-start/-delta/-end`) and tool inputs as they
 * are generated (`tool-input-start/-delta`), and resolves with the complete message. The SDK retries
 * 429/529 and connection errors with backoff before the stream starts (its `maxRetries`).
 */
export async function streamModelCall(
  client: Anthropic,
  params: MessageCreateParamsNonStreaming,
  sink: TurnSink,
  options: { signal: AbortSignal; partPrefix: string },
): Promise<Message> {
  const stream = client.messages.stream(params, { signal: options.signal });
  const open = new Map<number, { kind: 'text'; id: string } | { kind: 'tool'; id: string }>();
  for await (const event of stream) {
    switch (event.type) {
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text') {
          const id = `${options.partPrefix}-${event.index}`;
          open.set(event.index, { kind: 'text', id });
          sink.write({ type: 'text-start', id });
          if (block.text) sink.write({ type: 'text-delta', id, delta: block.text });
        } else if (block.type === 'tool_use') {
          open.set(event.index, { kind: 'tool', id: block.id });
          sink.write({ type: 'tool-input-start', toolCallId: block.id, toolName: block.name });
        }
        break;
      }
      case 'content_block_delta': {
        const part = open.get(event.index);
        if (part?.kind === 'text' && event.delta.type === 'text_delta') {
          sink.write({ type: 'text-delta', id: part.id, delta: event.delta.text });
        } else if (part?.kind === 'tool' && event.delta.type === 'input_json_delta') {
          sink.write({ type: 'tool-input-delta', toolCallId: part.id, inputTextDelta: event.delta.partial_json });
        }
        break;
      }
      case 'content_block_stop': {
        const part = open.get(event.index);
        if (part?.kind === 'text') sink.write({ type: 'text-end', id: part.id });
        open.delete(event.index);
        break;
      }
      default:
        break;
    }
  }
  return stream.finalMessage();
}
