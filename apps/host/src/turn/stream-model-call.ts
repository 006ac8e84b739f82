import Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { ModelClient } from '../llm/create-model-client.ts';
import type { TurnSink } from './turn-contract.ts';

/** A model call that failed; `streamed` says whether the customer already saw part of its answer. */
export class ModelStreamError extends Error {
  readonly streamed: boolean;

  constructor(cause: unknown, streamed: boolean) {
    super(`model call failed${streamed ? ' in the middle of its stream' : ''}`, { cause });
    this.name = 'ModelStreamError';
    this.streamed = streamed;
  }

  /**
   * The API answered 200 and then sent an `error` event (`overloaded_error`, `api_error`) before any content:
   * the SDK does not retry those (its retries end when the response starts), but the call may simply be made again.
   */
  get retryableBeforeContent(): boolean {
    const cause = this.cause;
    return (
      !this.streamed &&
      cause instanceof Anthropic.APIError &&
      cause.status === undefined &&
      (cause.type === 'overloaded_error' || cause.type === 'api_error')
    );
  }
}

/**
 * One streamed model call: forwards text as it arrives (`text-start/-delta/-end`) and tool inputs as they
 * are generated (`tool-input-start/-delta`), and resolves with the complete message. Thinking blocks are
 * not shown; they stay in the message, signatures included, for the next call of the tool loop.
 * The SDK retries 429/529 and connection errors with backoff before the stream starts (its `maxRetries`,
 * honouring `retry-after`). A failure after that rejects with {@link ModelStreamError}, once every part it
 * opened is closed (a text part ended, a half-generated tool input marked as an input error), so the
 * customer's message never holds a part that waits for ever.
 */
export async function streamModelCall(
  client: ModelClient,
  params: MessageCreateParamsNonStreaming,
  sink: TurnSink,
  options: { signal: AbortSignal; partPrefix: string },
): Promise<Message> {
  const open = new Map<number, { kind: 'text'; id: string } | { kind: 'tool'; id: string; name: string }>();
  let streamed = false;
  const write: TurnSink['write'] = (chunk) => {
    streamed = true;
    sink.write(chunk);
  };
  try {
    const stream = client.messages.stream(params, { signal: options.signal });
    for await (const event of stream) {
      switch (event.type) {
        case 'content_block_start': {
          const block = event.content_block;
          if (block.type === 'text') {
            const id = `${options.partPrefix}-${event.index}`;
            open.set(event.index, { kind: 'text', id });
            write({ type: 'text-start', id });
            if (block.text) write({ type: 'text-delta', id, delta: block.text });
          } else if (block.type === 'tool_use') {
            open.set(event.index, { kind: 'tool', id: block.id, name: block.name });
            write({ type: 'tool-input-start', toolCallId: block.id, toolName: block.name });
          }
          break;
        }
        case 'content_block_delta': {
          const part = open.get(event.index);
          if (part?.kind === 'text' && event.delta.type === 'text_delta') {
            write({ type: 'text-delta', id: part.id, delta: event.delta.text });
          } else if (part?.kind === 'tool' && event.delta.type === 'input_json_delta') {
            write({ type: 'tool-input-delta', toolCallId: part.id, inputTextDelta: event.delta.partial_json });
          }
          break;
        }
        case 'content_block_stop': {
          const part = open.get(event.index);
          if (part?.kind === 'text') {
            write({ type: 'text-end', id: part.id });
            open.delete(event.index);
          }
          // A tool part stays open until the loop decides on the whole message (tool-input-available or error).
          break;
        }
        default:
          break;
      }
    }
    return await stream.finalMessage();
  } catch (error) {
    closeOpenParts(open, sink, 'The answer was interrupted before this call was complete, so it was not made.');
    throw new ModelStreamError(error, streamed);
  }
}

function closeOpenParts(
  open: Map<number, { kind: 'text'; id: string } | { kind: 'tool'; id: string; name: string }>,
  sink: TurnSink,
  toolErrorText: string,
): void {
  for (const part of open.values()) {
    if (part.kind === 'text') sink.write({ type: 'text-end', id: part.id });
    else
      sink.write({
        type: 'tool-input-error',
        toolCallId: part.id,
        toolName: part.name,
        input: {},
        errorText: toolErrorText,
      });
  }
  open.clear();
}
