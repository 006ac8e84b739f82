import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTelemetryConfig, startTelemetry } from '../src/index.ts';

// A fake collector at the wire: the real OTLP/HTTP exporter posts JSON to it.
let collector: Server;
let collectorUrl: string;
const received: { path: string; headers: IncomingHttpHeaders; body: OtlpBody }[] = [];

interface OtlpBody {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: { name: string; traceId: string; spanId: string; parentSpanId?: string }[] }[];
  }[];
}

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpBody,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  collector.listen(0, '127.0.0.1');
  await once(collector, 'listening');
  collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

describe('startTelemetry', () => {
  it('records nothing and registers nothing when the environment asks for no exporter', async () => {
    const telemetry = startTelemetry(loadTelemetryConfig({}), { serviceName: 'orders' });
    expect(telemetry.enabled).toBe(false);
    const span = trace.getTracer('test').startSpan('ignored');
    expect(span.isRecording()).toBe(false);
    span.end();
    await telemetry.shutdown();
  });

  it('exports spans over OTLP/HTTP to the configured endpoint, with the service name and headers', async () => {
    const config = loadTelemetryConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=secret',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test',
    });
    const telemetry = startTelemetry(config, { serviceName: 'orders', serviceVersion: '1.2.3' });
    expect(telemetry.enabled).toBe(true);
    // A second start in the same process shares the provider and does not own it.
    expect(startTelemetry(config, { serviceName: 'other' }).enabled).toBe(true);

    const tracer = trace.getTracer('test');
    const parent = tracer.startSpan('parent');
    // The AsyncLocalStorage context manager is registered: the active span survives an await.
    await context.with(trace.setSpan(context.active(), parent), async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      tracer.startSpan('child').end();
    });
    parent.end();
    await telemetry.shutdown();

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.path).toBe('/v1/traces');
    expect(request?.headers['x-collector-key']).toBe('secret');
    const resource = request?.body.resourceSpans[0]?.resource.attributes ?? [];
    const attribute = (key: string) => resource.find((a) => a.key === key)?.value.stringValue;
    expect(attribute('service.name')).toBe('orders');
    expect(attribute('service.version')).toBe('1.2.3');
    expect(attribute('deployment.environment.name')).toBe('test');
    const spans = request?.body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)) ?? [];
    expect(spans.map((s) => s.name).sort()).toEqual(['child', 'parent']);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    const parentId = spans.find((s) => s.name === 'parent')?.spanId;
    expect(parentId).toMatch(/^[\da-f]{16}$/);
    expect(spans.find((s) => s.name === 'child')?.parentSpanId).toBe(parentId);

    // Shut down, the process is back to the API's no-op tracer.
    expect(trace.getTracer('test').startSpan('after').isRecording()).toBe(false);
  });
});
