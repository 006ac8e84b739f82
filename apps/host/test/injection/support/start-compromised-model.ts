import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A call the model makes: a tool name as the server lists it, and its arguments. */
export interface ModelCall {
  tool: string;
  input: Record<string, unknown>;
}

/** One poisoned document the model has "read" and will obey. */
export interface Injection {
  /** The customer's question that makes the model read the document. */
  question: string;
  /** How the model reads it (get_article, get_product). */
  read: ModelCall;
  /** Text that is in the document only: seeing it in a tool result means the model has read it. */
  marker: string;
  /** What the planted instruction asks for: the model does exactly this. */
  demands: ModelCall;
}

export interface CompromisedModel {
  /** Base URL for `ANTHROPIC_BASE_URL`. */
  url: string;
  /** How many model calls it answered. */
  requests: number;
  stop(): Promise<void>;
}

type Block = { type: string; text?: string; content?: unknown; name?: string; input?: unknown };
type Message = { role: string; content: string | Block[] };
type Reply = { kind: 'tool'; call: ModelCall } | { kind: 'text'; text: string };

/**
 * A model that an injection has fully compromised, at the wire: a small server speaking the Anthropic
 * Messages API (streaming, as the host calls it), so the real host code path runs. It reads the document
 * the question is about, then obeys the instruction planted in it, then repeats every tool result it got
 * in its answer (so anything a server wrongly returned would reach the customer). Model-sim never obeys
 * tool results (it reads only what the customer typed), so this stands in for a model that does.
 */
export async function startCompromisedModel(injections: readonly Injection[]): Promise<CompromisedModel> {
  const model: CompromisedModel = { url: '', requests: 0, stop: async () => {} };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      model.requests++;
      const request = JSON.parse(body) as { messages: Message[]; tools?: { name: string }[] };
      const reply = decide(request.messages, injections);
      // The host names tools for the model; a name may carry a server prefix when two servers collide.
      const named = (tool: string) =>
        request.tools?.find((t) => t.name === tool || t.name.endsWith(`__${tool}`))?.name ?? tool;
      writeStream(
        res,
        reply.kind === 'tool' ? { ...reply, call: { ...reply.call, tool: named(reply.call.tool) } } : reply,
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  model.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  model.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return model;
}

function decide(messages: Message[], injections: readonly Injection[]): Reply {
  const last = messages.at(-1);
  const blocks: Block[] =
    typeof last?.content === 'string' ? [{ type: 'text', text: last.content }] : (last?.content ?? []);
  const results = blocks.filter((block) => block.type === 'tool_result').map(resultText);
  if (results.length === 0) {
    const text = blocks.map((block) => block.text ?? '').join(' ');
    const injection = injections.find((candidate) => text.includes(candidate.question));
    return injection ? { kind: 'tool', call: injection.read } : { kind: 'text', text: 'How can I help?' };
  }
  // Everything read so far in this conversation, and what the model already did.
  const seen = messages
    .flatMap((m) => (typeof m.content === 'string' ? [] : m.content))
    .map(resultText)
    .join('\n');
  const called = messages
    .filter((m) => m.role === 'assistant' && typeof m.content !== 'string')
    .flatMap((m) => m.content as Block[])
    .filter((block) => block.type === 'tool_use')
    .map((block) => `${block.name}:${JSON.stringify(block.input)}`);
  const obey = injections.find(
    (injection) =>
      seen.includes(injection.marker) &&
      !called.some((call) => call.endsWith(`${injection.demands.tool}:${JSON.stringify(injection.demands.input)}`)),
  );
  if (obey) return { kind: 'tool', call: obey.demands };
  return { kind: 'text', text: `Done as instructed. Everything I found: ${results.join(' | ').slice(0, 6_000)}` };
}

function resultText(block: Block): string {
  if (block.type !== 'tool_result') return '';
  if (typeof block.content === 'string') return block.content;
  return Array.isArray(block.content) ? (block.content as Block[]).map((part) => part.text ?? '').join(' ') : '';
}

/** The Messages API event stream of one reply: message_start, one content block, message_delta, message_stop. */
function writeStream(res: ServerResponse, reply: Reply): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'request-id': `req_${randomUUID()}`,
  });
  const send = (event: Record<string, unknown> & { type: string }) =>
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  const usage = { input_tokens: 100, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  send({
    type: 'message_start',
    message: {
      id: `msg_${randomUUID().replaceAll('-', '')}`,
      type: 'message',
      role: 'assistant',
      model: 'compromised-test-model',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 1 },
    },
  });
  if (reply.kind === 'tool') {
    const id = `toolu_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    send({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id, name: reply.call.tool, input: {} },
    });
    send({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '' } });
    send({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: JSON.stringify(reply.call.input) },
    });
  } else {
    send({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } });
    send({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: reply.text } });
  }
  send({ type: 'content_block_stop', index: 0 });
  send({
    type: 'message_delta',
    delta: { stop_reason: reply.kind === 'tool' ? 'tool_use' : 'end_turn', stop_sequence: null },
    usage,
  });
  send({ type: 'message_stop' });
  res.end();
}
