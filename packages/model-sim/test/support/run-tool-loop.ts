import type Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageParam, Tool, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { MODEL } from './start-test-sim.ts';

/** What a fake tool answers: a JSON-able result (sent as JSON text) or an error text. */
export type FakeToolResult = { json: unknown } | { error: string };
export type FakeTools = Record<string, (input: Record<string, unknown>) => FakeToolResult>;

export interface LoopOutcome {
  calls: Array<{ name: string; input: Record<string, unknown> }>;
  /** Assistant messages, one per round. */
  replies: Message[];
  finalText: string;
  messages: MessageParam[];
}

/**
 * The host's tool loop in miniature: ask, run every tool_use against the fakes, send the results back,
 * until the model answers in text. Capped, so a model that loops fails the test instead of hanging it.
 */
export async function runToolLoop(
  client: Anthropic,
  options: { text: string; tools: Tool[]; fakes: FakeTools; history?: MessageParam[]; maxRounds?: number },
): Promise<LoopOutcome> {
  const messages: MessageParam[] = [...(options.history ?? []), { role: 'user', content: options.text }];
  const calls: LoopOutcome['calls'] = [];
  const replies: Message[] = [];
  for (let round = 0; round < (options.maxRounds ?? 6); round++) {
    const reply = await client.messages.create({ model: MODEL, max_tokens: 1024, tools: options.tools, messages });
    replies.push(reply);
    messages.push({ role: 'assistant', content: reply.content });
    if (reply.stop_reason !== 'tool_use') {
      const finalText = reply.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
      return { calls, replies, finalText, messages };
    }
    const results: ToolResultBlockParam[] = [];
    for (const block of reply.content) {
      if (block.type !== 'tool_use') continue;
      const input = block.input as Record<string, unknown>;
      calls.push({ name: block.name, input });
      const fake = options.fakes[block.name];
      const result = fake ? fake(input) : { error: `no fake for ${block.name}` };
      results.push(
        'json' in result
          ? {
              type: 'tool_result',
              tool_use_id: block.id,
              content: [{ type: 'text', text: JSON.stringify(result.json) }],
            }
          : { type: 'tool_result', tool_use_id: block.id, content: result.error, is_error: true },
      );
    }
    messages.push({ role: 'user', content: results });
  }
  throw new Error(`the model still called tools after ${options.maxRounds ?? 6} rounds: ${JSON.stringify(calls)}`);
}
