import type { Database } from '@shopchat/postgres';
import { tableFingerprint, testBackends } from '@shopchat/postgres/testing';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBatchedTurnWriter } from '../../src/record/batched-turn-writer.ts';
import type { FinishedTurn } from '../../src/record/finished-turn.ts';
import { migrateRecord } from '../../src/record/open-conversation-record.ts';
import { createRecordWriteQueue, isRejectedByDatabase } from '../../src/record/record-write-queue.ts';
import { writeFinishedTurn, writeFinishedTurns } from '../../src/record/write-finished-turn.ts';

const RECORD_TABLES = [
  'record_conversations',
  'record_turns',
  'record_messages',
  'record_model_calls',
  'record_tool_calls',
  'record_approvals',
] as const;
const T0 = Date.parse('2026-12-03T10:00:00.000Z');
const HASH = 'a'.repeat(64);

const modelCall = (costUsd: number) => ({
  model: 'claude-sonnet-4-5',
  inputTokens: 1200,
  outputTokens: 80,
  cacheCreationInputTokens: 0,
  cacheReadInputTokens: 300,
  costUsd,
  durationMs: 40,
  stopReason: 'tool_use',
});

/**
 * Three turns of two conversations that touch the same rows: the second answers the approval the first
 * asked and changes the first's assistant message; the third is another customer's.
 */
function turns(): FinishedTurn[] {
  const base = { traceId: null, ttftMs: 90, approvalsAsked: [], approvalsAnswered: [], toolCalls: [] };
  return [
    {
      ...base,
      turnId: 'turn-1',
      conversationId: 'conv-a',
      customerId: 'cust_alice',
      conversationStartedAt: T0,
      startedAt: T0,
      finishedAt: T0 + 500,
      outcome: 'approval',
      customerWrote: true,
      messages: [
        { id: 'm-user', role: 'user', parts: [{ type: 'text', text: 'Cancel A-1049 please' }] },
        { id: 'm-asst', role: 'assistant', parts: [{ type: 'text', text: 'Shall I cancel it?' }] },
      ],
      // Float costs whose sum is not exact in binary: the turn's total is summed as the calls' numeric.
      modelCalls: [modelCall(0.1), modelCall(0.2)],
      approvalsAsked: [
        {
          approvalId: 'appr-1',
          toolCallId: 'call-1',
          toolName: 'cancel_order',
          inputHash: HASH,
          summary: 'Cancel order A-1049',
          expiresAt: T0 + 600_000,
        },
      ],
    },
    {
      ...base,
      turnId: 'turn-2',
      conversationId: 'conv-a',
      customerId: 'cust_alice',
      conversationStartedAt: T0,
      startedAt: T0 + 2_000,
      finishedAt: T0 + 2_600,
      outcome: 'stop',
      customerWrote: false,
      messages: [
        {
          id: 'm-asst',
          role: 'assistant',
          parts: [
            { type: 'text', text: 'Shall I cancel it?' },
            { type: 'text', text: 'Done: A-1049 is cancelled.' },
          ],
        },
      ],
      modelCalls: [modelCall(0.3)],
      toolCalls: [
        {
          toolCallId: 'call-1',
          server: 'orders',
          tool: 'cancel_order',
          input: { orderId: 'A-1049' },
          outcome: 'ok',
          durationMs: 12,
          at: T0 + 2_300,
        },
      ],
      approvalsAnswered: [{ approvalId: 'appr-1', approved: true }],
    },
    {
      ...base,
      turnId: 'turn-3',
      conversationId: 'conv-b',
      customerId: null,
      conversationStartedAt: T0 + 100,
      startedAt: T0 + 100,
      finishedAt: T0 + 700,
      outcome: 'stop',
      customerWrote: true,
      messages: [{ id: 'm-b', role: 'user', parts: [{ type: 'text', text: 'Do you ship to Norway?' }] }],
      modelCalls: [modelCall(0.05)],
    },
  ];
}

const backends = await testBackends('batched record writes');

describe.each(backends)('finished turns written together on $name', (backend) => {
  const opened: { dispose(): Promise<void> }[] = [];
  let one: Database;
  let together: Database;
  beforeAll(async () => {
    if (!backend.available) return;
    const [a, b] = await Promise.all([backend.open(), backend.open()]);
    opened.push(a, b);
    one = a.db;
    together = b.db;
    await Promise.all([migrateRecord(one), migrateRecord(together)]);
  }, 180_000);
  afterAll(async () => {
    for (const database of opened) await database.dispose();
  });
  beforeEach((context) => {
    if (!backend.available) context.skip();
  });

  it('store exactly what writing them one after the other stores, and a rewrite changes nothing', async () => {
    for (const turn of turns()) await writeFinishedTurn(one, turn);
    const batch = turns();
    // The first turn twice in one batch (a retried record): written once.
    const report = await writeFinishedTurns(together, [...batch, batch[0] as FinishedTurn]);
    expect(report.written).toBe(3);
    expect(report.duplicates).toBe(1);

    const fingerprint = await tableFingerprint(one, RECORD_TABLES);
    expect(await tableFingerprint(together, RECORD_TABLES)).toBe(fingerprint);
    const [conversation] = await together.query<{ turns: number }>(
      `SELECT turns FROM record_conversations WHERE id = 'conv-a'`,
    );
    expect(conversation?.turns).toBe(2);
    const [turn] = await together.query<{ cost_usd: string }>(`SELECT cost_usd FROM record_turns WHERE id = 'turn-1'`);
    expect(turn?.cost_usd).toBe('0.300000');

    const again = await writeFinishedTurns(together, turns());
    expect(again).toEqual({ written: 0, writtenTurnIds: [], duplicates: 3, rows: 0 });
    expect(await tableFingerprint(together, RECORD_TABLES)).toBe(fingerprint);
  });

  it('give each record job its own outcome when the jobs running at once are written together', async () => {
    const writer = createBatchedTurnWriter(together, { maxBatch: 4 });
    const [good, refused, other] = turns().map((t) => ({ ...t, turnId: `job-${t.turnId}` })) as FinishedTurn[];
    // A trace id the table refuses (CHECK): the database rejects the batch, and only this turn fails.
    const bad = { ...(refused as FinishedTurn), traceId: 'not-a-trace-id' };
    const outcomes = await Promise.allSettled([good, bad, other].map((t) => writer.write(t as FinishedTurn)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(isRejectedByDatabase((outcomes[1] as PromiseRejectedResult).reason)).toBe(true);
    expect((outcomes[0] as PromiseFulfilledResult<{ written: boolean }>).value.written).toBe(true);
    const ids = await together.query<{ id: string }>(`SELECT id FROM record_turns WHERE id LIKE 'job-%' ORDER BY id`);
    expect(ids.map((r) => r.id)).toEqual(['job-turn-1', 'job-turn-3']);
    expect(await writer.write(good as FinishedTurn)).toEqual({ written: false, rows: 0 });
  });
});

describe('the record write queue', () => {
  it('writes what waits as one batch, and drops only the turn the database rejects', async () => {
    const batches: string[][] = [];
    const queue = createRecordWriteQueue({
      log: pino({ level: 'silent' }),
      async write(batch) {
        batches.push(batch.map((t) => t.turnId));
        if (batch.some((t) => t.turnId === 'turn-2')) {
          throw Object.assign(new Error('value too long for type'), { code: '22001' });
        }
        return { written: batch.length, writtenTurnIds: batch.map((t) => t.turnId), duplicates: 0, rows: batch.length };
      },
    });
    // The first write starts at once; the two that come while it runs go together, and are refused together.
    for (const turn of turns()) queue.record(turn);
    expect(await queue.drain(5_000)).toBe(true);
    expect(batches).toEqual([['turn-1'], ['turn-2', 'turn-3'], ['turn-2'], ['turn-3']]);
    queue.close();
  });
});
