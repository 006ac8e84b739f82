import { readdir, readFile } from 'node:fs/promises';
import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { createMessageAccumulator } from '../../src/llm/message-from-stream-events.ts';

// The turn reads a model call as raw events and builds its message itself; that message must be the one the
// SDK's own `MessageStream` builds from the same events, for every recorded behaviour of a real model.
const WIRE = new URL('../../../../packages/model-sim/fixtures/wire/', import.meta.url);

async function eventsOf(fixture: string): Promise<RawMessageStreamEvent[]> {
  const text = await readFile(new URL(fixture, WIRE), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)) as RawMessageStreamEvent | { type: 'error' | 'ping' })
    .filter((event): event is RawMessageStreamEvent => event.type !== 'error' && event.type !== 'ping');
}

/** What the SDK's helper makes of the events (fed as the newline-delimited JSON it reads). */
async function sdkMessageOf(events: RawMessageStreamEvent[]): Promise<Message> {
  const body = new TextEncoder().encode(events.map((event) => `${JSON.stringify(event)}\n`).join(''));
  const stream = MessageStream.fromReadableStream(new Blob([body]).stream());
  return stream.finalMessage();
}

function accumulated(events: RawMessageStreamEvent[]): Message {
  const accumulator = createMessageAccumulator();
  for (const event of structuredClone(events)) accumulator.add(event);
  return accumulator.message();
}

const fixtures = (await readdir(WIRE)).filter((name) => name.endsWith('.sse'));

describe('the message built from a model call’s raw events', () => {
  it.each(fixtures)('is the SDK’s message for %s', async (fixture) => {
    const events = await eventsOf(fixture);
    if (!events.some((event) => event.type === 'message_stop')) {
      expect(() => accumulated(events)).toThrow(/without producing a Message/);
      return;
    }
    const ours = accumulated(events);
    const sdk = await sdkMessageOf(structuredClone(events));
    // Plain JSON on both sides: what the next call of the tool loop sends and what the record keeps.
    expect(JSON.parse(JSON.stringify(ours))).toEqual(JSON.parse(JSON.stringify({ ...sdk, parsed_output: undefined })));
    for (const [index, block] of sdk.content.entries()) {
      if (block.type === 'tool_use') expect(ours.content[index]).toMatchObject({ input: block.input });
    }
  });

  it('keeps a tool input cut by max_tokens as the SDK’s partial parse of it (an unfinished string is left out)', async () => {
    const message = accumulated(await eventsOf('max-tokens-in-tool-use.sse'));
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.content.find((block) => block.type === 'tool_use')?.input).toEqual({});
  });

  it('refuses events in the wrong order, as the SDK does', () => {
    const start = { type: 'message_start', message: { content: [] } } as unknown as RawMessageStreamEvent;
    const accumulator = createMessageAccumulator();
    accumulator.add(start);
    expect(() => accumulator.add(start)).toThrow(/Unexpected event order/);
  });
});
