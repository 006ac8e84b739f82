// The console's queries on a large record: seeds 100,000 conversations (3 turns, 6 messages, 2 tool calls
// each) into a throwaway PostgreSQL schema, then times the list (first page, a customer's page, a text
// search, a deep page) and the transcript, and returns their plans. In `npm run bench`; alone:
// node apps/host/bench/run-record-queries-bench.ts
import { randomUUID } from 'node:crypto';
import { openDatabase } from '@shopchat/postgres';
import { listRecordedConversations } from '../src/record/list-recorded-conversations.ts';
import { migrateRecord } from '../src/record/open-conversation-record.ts';
import { readRecordedTranscript } from '../src/record/read-recorded-transcript.ts';

export interface RecordQueriesResult {
  conversations: number;
  seedMs: number;
  runs: number;
  /** Per query: p50 and p95 in ms. */
  timings: { name: string; p50Ms: number; p95Ms: number }[];
  /** Per query: its EXPLAIN lines. */
  plans: { name: string; plan: string[] }[];
}

export async function measureRecordQueries(
  options: { conversations?: number; runs?: number } = {},
): Promise<RecordQueriesResult> {
  const CONVERSATIONS = options.conversations ?? Number(process.env.RECORD_BENCH_CONVERSATIONS ?? 100_000);
  const RUNS = options.runs ?? 50;
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${randomUUID().replaceAll('-', '')}`;
  const admin = await openDatabase({ url });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = await openDatabase({ url, schema, statementTimeoutMs: 600_000 });
  const timings: RecordQueriesResult['timings'] = [];
  const plans: RecordQueriesResult['plans'] = [];
  try {
    await migrateRecord(db);
    const seeded = performance.now();
    await db.query(
      `INSERT INTO record_conversations (id, customer_id, started_at, last_activity_at, turns)
       SELECT 'c' || g, 'cust_' || (g % 5000), now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval + interval '5 minutes', 3
       FROM generate_series(1, $1) g`,
      [CONVERSATIONS],
    );
    await db.query(
      `INSERT INTO record_messages (conversation_id, id, role, parts, text, created_at, turn_id)
       SELECT 'c' || g, 'm' || k, CASE WHEN k % 2 = 0 THEN 'user' ELSE 'assistant' END,
         jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'order A-' || (g % 9000) || ' word' || (g % 997))),
         'order A-' || (g % 9000) || ' word' || (g % 997), now() - (g || ' minutes')::interval, 't' || g || '-' || (k / 2)
       FROM generate_series(1, $1) g, generate_series(0, 5) k`,
      [CONVERSATIONS],
    );
    await db.query(
      `INSERT INTO record_turns (id, conversation_id, started_at, finished_at, outcome, ttft_ms, input_tokens, output_tokens, cost_usd)
       SELECT 't' || g || '-' || k, 'c' || g, now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, 'stop', 400 + g % 300, 1500, 120, 0.0063
       FROM generate_series(1, $1) g, generate_series(0, 2) k`,
      [CONVERSATIONS],
    );
    await db.query(
      `INSERT INTO record_tool_calls (conversation_id, id, turn_id, server, tool, args, outcome, duration_ms, at)
       SELECT 'c' || g, 'tc' || k, 't' || g || '-' || k, 'orders', CASE WHEN k = 0 THEN 'track_shipment' ELSE 'search_docs' END,
         '{}'::jsonb, 'ok', 20, now() - (g || ' minutes')::interval
       FROM generate_series(1, $1) g, generate_series(0, 1) k`,
      [CONVERSATIONS],
    );
    await db.query('ANALYZE');
    const seedMs = performance.now() - seeded;
    const deep = await listRecordedConversations(db, { limit: 25 }, Date.now());
    const cases: [string, () => Promise<unknown>][] = [
      ['list: first page', () => listRecordedConversations(db, { limit: 25 }, Date.now())],
      ['list: one customer', () => listRecordedConversations(db, { customer: 'cust_42', limit: 25 }, Date.now())],
      ['list: text search', () => listRecordedConversations(db, { q: 'word7', limit: 25 }, Date.now())],
      [
        'list: next page',
        () => listRecordedConversations(db, { limit: 25, cursor: deep.nextCursor ?? '' }, Date.now()),
      ],
      ['transcript', () => readRecordedTranscript(db, `c${1 + Math.floor(Math.random() * CONVERSATIONS)}`, Date.now())],
    ];
    for (const [name, run] of cases) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
      timings.push({ name, p50Ms: p(0.5), p95Ms: p(0.95) });
    }
    for (const [name, sql, params] of [
      [
        'list: first page',
        'SELECT id FROM record_conversations c ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 26',
        [],
      ],
      [
        'list: one customer',
        `SELECT id FROM record_conversations c WHERE c.customer_id = $1 ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 26`,
        ['cust_42'],
      ],
      [
        'list: text search',
        `SELECT id FROM record_conversations c WHERE EXISTS (SELECT 1 FROM record_messages m WHERE m.conversation_id = c.id AND to_tsvector('simple', m.text) @@ plainto_tsquery('simple', $1)) ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 26`,
        ['word7'],
      ],
      [
        'transcript: messages',
        'SELECT id, role, parts, created_at, turn_id FROM record_messages WHERE conversation_id = $1 ORDER BY created_at, role DESC, id',
        ['c4242'],
      ],
      ['transcript: turns', 'SELECT * FROM record_turns WHERE conversation_id = $1 ORDER BY started_at, id', ['c4242']],
      [
        'transcript: tool calls',
        'SELECT * FROM record_tool_calls WHERE conversation_id = $1 ORDER BY at, id',
        ['c4242'],
      ],
    ] as [string, string, unknown[]][]) {
      const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
      plans.push({ name, plan: plan.map((r) => r['QUERY PLAN']) });
    }
    return { conversations: CONVERSATIONS, seedMs, runs: RUNS, timings, plans };
  } finally {
    await db.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
}
