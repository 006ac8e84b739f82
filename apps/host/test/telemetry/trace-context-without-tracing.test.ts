import { trace } from '@opentelemetry/api';
import type { TraceContext } from '@shopchat/mcp-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newChatId, postChat, readChunks, userMessage } from '../chat/support/chat-requests.ts';
import { type SmallProduct, startSmallProduct } from './support/start-small-product.ts';

// No tracer provider in this process: tracing is off, as on a machine without OTEL_* settings.
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

const seen: TraceContext[] = [];
let product: SmallProduct;
beforeAll(async () => {
  product = await startSmallProduct((context) => seen.push(context));
}, 60_000);
afterAll(() => product?.stop());

describe('trace context with tracing off', () => {
  it('still carries the chat request’s traceparent to the MCP server, so their logs share one trace id', async () => {
    expect(trace.getTracer('test').startSpan('probe').isRecording()).toBe(false);
    const response = await postChat(
      product.host.url,
      { id: newChatId(), trigger: 'submit-message', messages: [userMessage('Where is my order A-1042?')] },
      { token: product.aliceToken, headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } },
    );
    const chunks = await readChunks(response);
    expect(chunks.some((c) => c.type === 'tool-output-available')).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ traceId: CALLER_TRACE, parentSpanId: CALLER_SPAN });
  });
});
