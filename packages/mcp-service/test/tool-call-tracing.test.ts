import { Writable } from 'node:stream';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { startInMemoryTracing } from '@shopchat/telemetry/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger, defineTool, PREVIEW_META_KEY, toolResult } from '../src/index.ts';
import { startTestService, type TestService } from '../src/testing/index.ts';
import { fixtureTools } from './support/fixture-tools.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

// Registered before the service starts, as a process's tracing is; the kit's spans land here.
const tracing = startInMemoryTracing('kit-test');
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const HEADER_TRACE = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** Does what a tool with a database does: work in a span of its own, and report its trace context. */
const tracedTool = defineTool({
  name: 'look_up',
  title: 'Look up',
  description: 'Looks something up.',
  input: z.strictObject({}),
  output: z.object({ traceparent: z.string() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  needsCustomer: false,
  handler: async (_args, ctx) => {
    trace.getTracer('test').startSpan('SELECT things').end();
    return toolResult({ traceparent: ctx.trace.traceparent }, 'found');
  },
});

const withPreview = defineTool({
  ...tracedTool,
  name: 'remove_item',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  preview: async () => 'Remove the item.',
});

const lines: Record<string, unknown>[] = [];
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({
    name: 'traced',
    version: '1.0.0',
    tools: [...fixtureTools, tracedTool, withPreview],
    logger: createLogger({
      service: 'traced',
      level: 'info',
      destination: new Writable({
        write(chunk, _encoding, done) {
          for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
          done();
        },
      }),
    }),
  });
});
afterAll(async () => {
  await svc?.stop();
  await tracing.shutdown();
});
beforeEach(() => tracing.reset());

const serverSpans = () => tracing.spans().filter((s) => s.kind === SpanKind.SERVER);

describe('the server span of a tools/call', () => {
  it('continues the trace in _meta, parents the handler’s own spans and hands its context to the handler', async () => {
    const response = await postMcp(
      svc.url,
      callToolMessage('look_up', {}, { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`, tracestate: 'shop=1' }),
      // A different header: _meta is what the MCP specification carries the context in, so it wins.
      { traceparent: `00-${HEADER_TRACE}-${'b'.repeat(16)}-01`, 'x-request-id': 'req-traced-1' },
    );
    const [span] = serverSpans();
    expect(span?.name).toBe('tools/call look_up');
    expect(span?.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'look_up',
      'gen_ai.operation.name': 'execute_tool',
    });
    expect(span?.spanContext().traceId).toBe(CALLER_TRACE);
    expect(span?.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    const inner = tracing.spans().find((s) => s.name === 'SELECT things');
    expect(inner?.parentSpanContext?.spanId).toBe(span?.spanContext().spanId);

    const spanId = span?.spanContext().spanId;
    const result = (response.json as { result: { structuredContent: { traceparent: string } } }).result;
    expect(result.structuredContent.traceparent).toBe(`00-${CALLER_TRACE}-${spanId}-01`);
    // The audit line carries the span's ids: logs and traces meet on one id.
    expect(lines.find((l) => l.msg === 'tool call' && l.requestId === 'req-traced-1')).toMatchObject({
      traceId: CALLER_TRACE,
      spanId,
    });
  });

  it('falls back to the HTTP traceparent header when _meta has none', async () => {
    await postMcp(svc.url, callToolMessage('echo', { text: 'hi' }), {
      traceparent: `00-${HEADER_TRACE}-${'b'.repeat(16)}-01`,
    });
    const [span] = serverSpans();
    expect(span?.spanContext().traceId).toBe(HEADER_TRACE);
    expect(span?.parentSpanContext?.spanId).toBe('b'.repeat(16));
  });

  it('starts a trace of its own for a caller without trace context', async () => {
    await postMcp(svc.url, callToolMessage('echo', { text: 'hi' }));
    const [span] = serverSpans();
    expect(span?.spanContext().traceId).toMatch(/^[\da-f]{32}$/);
    expect(span?.parentSpanContext).toBeUndefined();
  });

  it('marks an isError result failed with its error code, never with the message', async () => {
    await postMcp(svc.url, callToolMessage('refuse', { count: 1 }));
    await postMcp(svc.url, callToolMessage('explode', {}));
    const [refused, exploded] = serverSpans();
    expect(refused?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'not_allowed' });
    expect(refused?.attributes['error.type']).toBe('not_allowed');
    expect(exploded?.attributes['error.type']).toBe('internal_error');
    expect(JSON.stringify(tracing.spans().map((s) => [s.attributes, s.events, s.status]))).not.toContain('hunter2');
  });

  it('does not mark a preview failed, and names no span after a tool the server does not have', async () => {
    await postMcp(svc.url, callToolMessage('remove_item', {}, { [PREVIEW_META_KEY]: true }));
    await postMcp(svc.url, callToolMessage('drop_tables_now', {}));
    const [preview, unknown] = serverSpans();
    expect(preview?.status.code).toBe(SpanStatusCode.UNSET);
    expect(preview?.attributes['shopchat.tool.preview']).toBe(true);
    expect(unknown?.name).toBe('tools/call');
    expect(unknown?.attributes['gen_ai.tool.name']).toBeUndefined();
    expect(unknown?.attributes['error.type']).toBe('-32602');
  });
});
