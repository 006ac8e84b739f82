import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { startInMemoryTracing } from '@shopchat/telemetry/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newChatId, postChat, readChunks, userMessage } from '../chat/support/chat-requests.ts';
import { type SmallProduct, startSmallProduct } from './support/start-small-product.ts';

// Registered before anything starts, as a process's tracing is: every span of the host, the MCP kit and
// the database layer in this process lands in memory.
const tracing = startInMemoryTracing('host');

const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';
const MODEL = 'claude-sonnet-5-5';
const MESSAGE = 'Where is my order A-1042?';

let product: SmallProduct;
beforeAll(async () => {
  product = await startSmallProduct();
}, 60_000);
afterAll(async () => {
  await product?.stop();
  await tracing.shutdown();
});

describe('the trace of one chat turn', () => {
  let spans: ReadableSpan[];
  let chunks: Record<string, unknown>[];
  const one = (name: string) => {
    const found = spans.filter((s) => s.name === name);
    expect(found, name).toHaveLength(1);
    return found[0] as ReadableSpan;
  };
  const idOf = (span: ReadableSpan) => span.spanContext().spanId;

  beforeAll(async () => {
    tracing.reset();
    const response = await postChat(
      product.host.url,
      { id: newChatId(), trigger: 'submit-message', messages: [userMessage(MESSAGE)] },
      { token: product.aliceToken, headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } },
    );
    expect(response.status).toBe(200);
    chunks = await readChunks(response);
    // The request span ends when its stream closes, the turn span when the turn has been stored.
    await vi.waitFor(() => {
      const names = tracing.spans().map((s) => s.name);
      expect(names).toContain('POST /api/chat');
      expect(names).toContain('invoke_agent support');
    });
    spans = tracing.spans();
  });

  it('is one trace, continuing the chat request’s traceparent', () => {
    expect(chunks.some((c) => c.type === 'tool-output-available')).toBe(true);
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([CALLER_TRACE]));
    const request = one('POST /api/chat');
    expect(request.kind).toBe(SpanKind.SERVER);
    expect(request.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(request.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/api/chat',
      'http.response.status_code': 200,
    });
  });

  it('nests request → turn → model calls and tool call → MCP server → database query', () => {
    const request = one('POST /api/chat');
    const turn = one('invoke_agent support');
    const tool = one('execute_tool track_shipment');
    const server = one('tools/call track_shipment');
    const query = one('SELECT shipments');
    const modelCalls = spans.filter((s) => s.name === `chat ${MODEL}`);

    expect(turn.parentSpanContext?.spanId).toBe(idOf(request));
    expect(modelCalls).toHaveLength(2);
    for (const call of modelCalls) expect(call.parentSpanContext?.spanId).toBe(idOf(turn));
    expect(tool.parentSpanContext?.spanId).toBe(idOf(turn));
    expect(server.parentSpanContext?.spanId).toBe(idOf(tool));
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(query.parentSpanContext?.spanId).toBe(idOf(server));
    // In time, too: the tool runs between the model call that asked for it and the one that answers.
    const [asking, answering] = [...modelCalls].sort((a, b) => compareTime(a.startTime, b.startTime));
    expect(compareTime(tool.startTime, asking?.endTime ?? [0, 0])).toBeGreaterThanOrEqual(0);
    expect(compareTime(answering?.startTime ?? [0, 0], tool.endTime)).toBeGreaterThanOrEqual(0);
    expect(spans.every((s) => s.status.code !== SpanStatusCode.ERROR)).toBe(true);
  });

  it('describes each model call with the GenAI conventions', () => {
    const modelCalls = spans
      .filter((s) => s.name === `chat ${MODEL}`)
      .sort((a, b) => compareTime(a.startTime, b.startTime));
    expect(modelCalls.map((s) => s.attributes['gen_ai.response.finish_reasons'])).toEqual([['tool_use'], ['end_turn']]);
    for (const call of modelCalls) {
      expect(call.kind).toBe(SpanKind.CLIENT);
      expect(call.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.system': 'anthropic',
        'gen_ai.request.model': MODEL,
        'gen_ai.request.max_tokens': 1024,
        'gen_ai.response.model': MODEL,
        'server.address': '127.0.0.1',
      });
      expect(call.attributes['gen_ai.response.id']).toMatch(/^msg_/);
      expect(call.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
      expect(call.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    }
  });

  it('names the tool call, its id and its server, and the query without values', () => {
    const toolCallId = chunks.find((c) => c.type === 'tool-input-available')?.toolCallId;
    expect(one('execute_tool track_shipment').attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'track_shipment',
      'gen_ai.tool.call.id': toolCallId,
      'mcp.method.name': 'tools/call',
      'shopchat.mcp.server': 'orders',
    });
    expect(one('tools/call track_shipment').attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'track_shipment',
    });
    expect(one('SELECT shipments').attributes).toMatchObject({
      'db.system.name': 'postgresql',
      'db.operation.name': 'SELECT',
      'db.query.text': 'SELECT carrier FROM shipments WHERE order_number = $1 AND customer_id = $2',
    });
    expect(one('invoke_agent support').attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'shopchat.caller.kind': 'customer',
      'shopchat.turn.finish_reason': 'stop',
      'shopchat.turn.model_calls': 2,
    });
  });

  it('carries no message text, arguments, customer id or token', () => {
    const recorded = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events]));
    for (const secret of [MESSAGE, 'A-1042', 'cust_alice', 'DHL', product.aliceToken]) {
      expect(recorded).not.toContain(secret);
    }
  });
});

function compareTime(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}
