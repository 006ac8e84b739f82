import { randomUUID } from 'node:crypto';
import {
  dropPrefix,
  type ProductProcesses,
  redisAvailable,
  startProductProcesses,
  TEST_REDIS_URL,
  uniquePrefix,
} from '@shopchat/product-harness';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postChat, readChunks, userMessage } from '../chat/support/chat-requests.ts';
import { type CollectedSpan, type FakeCollector, startFakeCollector } from './support/start-fake-collector.ts';

// The deployed shape: MCP servers, a host API and a host worker, each its own process, configured only by
// the standard OTEL_* variables and exporting over OTLP/HTTP to a collector at the wire. The turn crosses a
// BullMQ job between the API and the worker; its trace must not break there.
const available = await redisAvailable('tracing across the scaled-out host');
const CALLER_TRACE = '5bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '10f067aa0ba902b7';
const SERVER = 2;
const CLIENT = 3;

describe.runIf(available)('one trace across the host API, a worker and an MCP server, exported over OTLP', () => {
  let collector: FakeCollector;
  let product: ProductProcesses;
  const prefix = uniquePrefix();
  let apiUrl: string;

  beforeAll(async () => {
    collector = await startFakeCollector();
    // The MCP servers inherit this process's environment.
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
    process.env.OTEL_BSP_SCHEDULE_DELAY = '100';
    product = await startProductProcesses();
    const shared = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix };
    const [api] = await Promise.all([product.startHost(shared, 'api'), product.startHost(shared, 'worker')]);
    apiUrl = api?.url ?? '';
  }, 240_000); // processes: slow to start on a loaded two-core machine
  afterAll(async () => {
    await product?.stop();
    await collector?.close();
    await dropPrefix(prefix);
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_BSP_SCHEDULE_DELAY;
  }, 60_000);

  it('links request → turn on the worker → tool call → MCP server → database, each span from its own process', async () => {
    const response = await postChat(
      apiUrl,
      {
        id: `trace-${randomUUID()}`,
        trigger: 'submit-message',
        messages: [userMessage('Where is my order A-1042?')],
      },
      { token: product.tokens.cust_alice, headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } },
    );
    const chunks = await readChunks(response);
    expect(chunks.find((c) => c.type === 'tool-input-available')?.toolName).toBe('track_shipment');

    const trace = () => collector.spans.filter((s) => s.traceId === CALLER_TRACE);
    const named = (name: string) => trace().find((s) => s.name === name);
    await vi.waitFor(
      () => {
        for (const name of ['POST /api/chat', 'invoke_agent support', 'tools/call track_shipment']) {
          expect(named(name), name).toBeDefined();
        }
        expect(trace().some((s) => s.attributes['db.system.name'] === 'postgresql')).toBe(true);
      },
      { timeout: 15_000, interval: 100 },
    );
    const request = named('POST /api/chat') as CollectedSpan;
    const turn = named('invoke_agent support') as CollectedSpan;
    const tool = named('execute_tool track_shipment') as CollectedSpan;
    const server = named('tools/call track_shipment') as CollectedSpan;
    const queries = trace().filter((s) => s.parentSpanId === server.spanId && s.kind === CLIENT);

    expect(request).toMatchObject({ service: 'host-api', kind: SERVER, parentSpanId: CALLER_SPAN });
    expect(turn).toMatchObject({ service: 'host-worker', parentSpanId: request.spanId });
    const modelCalls = trace().filter((s) => s.name.startsWith('chat '));
    expect(modelCalls.length).toBeGreaterThanOrEqual(2);
    for (const call of modelCalls) {
      expect(call).toMatchObject({ service: 'host-worker', kind: CLIENT, parentSpanId: turn.spanId });
      expect(call.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic' });
    }
    expect(tool).toMatchObject({ service: 'host-worker', kind: CLIENT, parentSpanId: turn.spanId });
    expect(server).toMatchObject({ service: 'orders', kind: SERVER, parentSpanId: tool.spanId });
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      expect(query.service).toBe('orders');
      expect(query.attributes['db.query.text']).toEqual(expect.any(String));
    }
    const recorded = JSON.stringify(trace().map((s) => [s.name, s.attributes]));
    for (const secret of ['A-1042', 'cust_alice', 'Where is my order', product.tokens.cust_alice]) {
      expect(recorded).not.toContain(secret);
    }
  });
});
