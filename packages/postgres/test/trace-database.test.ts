import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { startInMemoryTracing } from '@shopchat/telemetry/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/index.ts';
import { testBackends, useSuiteDatabase } from '../src/testing/index.ts';

const tracing = startInMemoryTracing('postgres-test');
afterAll(() => tracing.shutdown());
const backends = await testBackends('packages/postgres (tracing)');

/** Runs `work` inside a parent span, as a tool call's server span would be, and returns that span's id. */
async function insideSpan(work: () => Promise<unknown>): Promise<string> {
  const parent = trace.getTracer('test').startSpan('tools/call get_order');
  await context.with(trace.setSpan(context.active(), parent), work).catch(() => {});
  parent.end();
  return parent.spanContext().spanId;
}

describe.each(backends)('query spans on $name', (backend) => {
  let db: Database;
  useSuiteDatabase(backend, { beforeAll, afterAll }, async (opened) => {
    db = opened;
    await db.query('CREATE TABLE parcels (id int PRIMARY KEY, customer text NOT NULL)');
  });
  beforeEach(() => tracing.reset());

  it.skipIf(!backend.available)(
    'makes one client span per statement, child of the active span, without values',
    async () => {
      const parentId = await insideSpan(async () => {
        await db.query('INSERT INTO parcels (id, customer) VALUES ($1, $2)', [1, 'cust_alice']);
        await db.transaction((tx) => tx.query('SELECT customer FROM parcels WHERE id = $1', [1]));
      });
      const spans = tracing.spans().filter((s) => s.name !== 'tools/call get_order');
      expect(spans.map((s) => s.name)).toEqual(['INSERT parcels', 'SELECT parcels']);
      for (const span of spans) {
        expect(span.kind).toBe(SpanKind.CLIENT);
        expect(span.parentSpanContext?.spanId).toBe(parentId);
        expect(span.attributes['db.system.name']).toBe('postgresql');
        expect(JSON.stringify(span.attributes)).not.toContain('cust_alice');
      }
      expect(spans[1]?.attributes).toMatchObject({
        'db.operation.name': 'SELECT',
        'db.collection.name': 'parcels',
        'db.query.text': 'SELECT customer FROM parcels WHERE id = $1',
      });
      if (backend.name === 'postgres') {
        expect(spans[0]?.attributes).toMatchObject({ 'server.address': '127.0.0.1', 'server.port': 5432 });
        expect(JSON.stringify(spans[0]?.attributes)).not.toMatch(/postgres@/);
      }
    },
  );

  it.skipIf(!backend.available)('marks a failed statement with its SQLSTATE and no message', async () => {
    await insideSpan(() => db.query('INSERT INTO parcels (id, customer) VALUES ($1, $2)', [1, 'cust_bob']));
    const failed = tracing.spans().find((s) => s.name === 'INSERT parcels');
    expect(failed?.status).toEqual({ code: SpanStatusCode.ERROR, message: '23505' });
    expect(failed?.attributes).toMatchObject({ 'error.type': '23505', 'db.response.status_code': '23505' });
    expect(failed?.events).toEqual([]);
  });

  it.skipIf(!backend.available)('makes no span for a statement outside any traced operation', async () => {
    await db.query('SELECT count(*) FROM parcels');
    expect(tracing.spans()).toEqual([]);
  });
});
