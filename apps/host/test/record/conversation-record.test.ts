import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import type { Database } from '@shopchat/postgres';
import { testBackends } from '@shopchat/postgres/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { canonicalHash } from '../../src/turn/canonical-hash.ts';
import { estimateCostUsd } from '../../src/turn/model-pricing.ts';
import { newChatId } from '../chat/support/chat-requests.ts';
import { tokenFor } from '../chat/support/chat-test-server.ts';
import { TestChat } from '../chat/support/test-chat.ts';
import type { RecordTestHost } from './support/record-test-host.ts';
import { useRecordTestHost } from './support/use-record-test-host.ts';

const backends = await testBackends('conversation record');
let sim: RunningModelSim;
beforeAll(async () => {
  sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
});
afterAll(() => sim?.stop());

type Transcript = {
  conversation: Record<string, unknown>;
  messages: { id: string; role: string; parts: { type: string; state?: string; text?: string }[] }[];
  turns: {
    id: string;
    outcome: string;
    traceId: string | null;
    ttftMs: number | null;
    costUsd: number;
    modelCalls: Record<string, number | string | null>[];
  }[];
  toolCalls: Record<string, unknown>[];
  approvals: Record<string, unknown>[];
};

describe.each(backends)('the conversation record on $name', (backend) => {
  let host: RecordTestHost;
  let db: Database;
  useRecordTestHost(
    backend,
    () => sim.url,
    (started, database) => {
      host = started;
      db = database;
    },
  );

  it('records a full turn with an approval exactly: messages, model calls, the tool call and the answer', async () => {
    const id = newChatId();
    const chat = new TestChat({ baseUrl: host.baseUrl, id, token: await tokenFor('cust_alice') });
    await chat.sendMessage({ text: 'Please cancel my order A-1049' });
    const card = chat.toolParts.at(-1) as { toolCallId: string; approval?: { id: string } };
    await chat.addToolApprovalResponse({ id: String(card.approval?.id), approved: true });
    await vi.waitFor(() => expect(chat.status).toBe('ready'));
    expect(await host.record.queue.drain(5_000)).toBe(true);

    const { status, body } = await host.console<Transcript>(`/api/console/conversations/${id}`);
    expect(status).toBe(200);
    expect(body.conversation).toMatchObject({ id, customerId: 'cust_alice', status: 'bot', turns: 2 });
    expect(body.conversation.toolsUsed).toEqual(['cancel_order']);
    // One user message, one assistant message continued across the approval: as the widget shows them.
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(body.messages[0]?.parts).toEqual([{ type: 'text', text: 'Please cancel my order A-1049' }]);
    const toolPart = body.messages[1]?.parts.find((p) => p.type === 'tool-cancel_order');
    expect(toolPart?.state).toBe('output-available');
    expect(body.messages).toEqual(chat.messages.map((m) => expect.objectContaining({ id: m.id, role: m.role })));

    expect(body.turns.map((t) => t.outcome)).toEqual(['approval', 'stop']);
    expect(body.toolCalls).toEqual([
      expect.objectContaining({
        id: card.toolCallId,
        server: 'orders',
        tool: 'cancel_order',
        args: { order_number: 'A-1049' },
        outcome: 'ok',
        errorCode: null,
        turnId: body.turns[1]?.id,
      }),
    ]);
    expect(body.approvals).toEqual([
      expect.objectContaining({
        id: card.approval?.id,
        toolCallId: card.toolCallId,
        tool: 'cancel_order',
        argsHash: canonicalHash({ order_number: 'A-1049' }),
        approved: true,
        answeredBy: 'cust_alice',
      }),
    ]);
    for (const turn of body.turns) {
      expect(turn.modelCalls.length).toBeGreaterThan(0);
      let cost = 0;
      for (const call of turn.modelCalls) {
        expect(call).toMatchObject({ model: 'claude-sonnet-5-5' });
        expect(call.inputTokens).toBeGreaterThan(0);
        const usage = {
          inputTokens: Number(call.inputTokens),
          outputTokens: Number(call.outputTokens),
          cacheCreationInputTokens: Number(call.cacheCreationInputTokens),
          cacheReadInputTokens: Number(call.cacheReadInputTokens),
        };
        expect(call.costUsd).toBeCloseTo(estimateCostUsd('claude-sonnet-5-5', usage), 6);
        cost += Number(call.costUsd);
      }
      expect(turn.costUsd).toBeCloseTo(cost, 6);
    }
    expect(body.turns[0]?.modelCalls.at(-1)?.stopReason).toBe('tool_use');
    expect(body.turns[1]?.modelCalls.at(-1)?.stopReason).toBe('end_turn');
    expect(body.turns[1]?.ttftMs).not.toBeNull();
  });

  it('writes a retried turn once: the same finished turn recorded twice leaves one set of rows', async () => {
    const id = newChatId();
    const chat = new TestChat({ baseUrl: host.baseUrl, id, token: await tokenFor('cust_bob') });
    const seen: Parameters<typeof host.record.queue.record>[0][] = [];
    const original = host.record.queue.record.bind(host.record.queue);
    host.record.queue.record = (turn) => {
      seen.push(turn);
      original(turn);
    };
    await chat.sendMessage({ text: 'Where is my order A-1042?' });
    await host.record.queue.drain(5_000);
    for (const turn of [...seen]) host.record.queue.record(structuredClone(turn));
    expect(await host.record.queue.drain(5_000)).toBe(true);

    const counts = await db.query<{ table: string; n: string }>(
      `SELECT 'turns' AS table, count(*) AS n FROM record_turns WHERE conversation_id = $1
       UNION ALL SELECT 'messages', count(*) FROM record_messages WHERE conversation_id = $1
       UNION ALL SELECT 'tools', count(*) FROM record_tool_calls WHERE conversation_id = $1
       UNION ALL SELECT 'model', count(*) FROM record_model_calls WHERE conversation_id = $1`,
      [id],
    );
    expect(Object.fromEntries(counts.map((r) => [r.table, Number(r.n)]))).toEqual({
      turns: 1,
      messages: 2,
      tools: 1,
      model: 2,
    });
    const [conversation] = await db.query<{ turns: number }>('SELECT turns FROM record_conversations WHERE id = $1', [
      id,
    ]);
    expect(conversation?.turns).toBe(1);
  });
});
