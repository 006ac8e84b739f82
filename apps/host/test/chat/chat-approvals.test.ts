import type { UIMessage } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { APPROVAL_OVERRIDES } from '../../src/turn/match-approval-answers.ts';
import { fetchConversation, newChatId, postChat, readChunks, readJson } from './support/chat-requests.ts';
import { type ChatTestServer, closeServersAfterEach, startChatServer, tokenFor } from './support/chat-test-server.ts';
import { APPROVAL_TTL_MS, CANCEL_TOOL, createFakeTurnRunner, type FakeTurnRunner } from './support/fake-turn-runner.ts';
import { TestChat } from './support/test-chat.ts';

let server: ChatTestServer | undefined;
closeServersAfterEach();

/** Asks to cancel; resolves once the approval card is there. */
async function askToCancel(chat: TestChat): Promise<{ approvalId: string; toolCallId: string }> {
  await chat.sendMessage({ text: 'Cancel my last order, I bought the wrong size' });
  const part = chat.toolParts.at(-1) as { state: string; toolCallId: string; approval?: { id: string } };
  expect(part).toMatchObject({ type: `tool-${CANCEL_TOOL}`, state: 'approval-requested' });
  return { approvalId: part.approval?.id as string, toolCallId: part.toolCallId };
}

async function settled(chat: TestChat, toolCallId: string): Promise<string> {
  await vi.waitFor(() => {
    const part = chat.toolParts.find((p) => p.toolCallId === toolCallId);
    expect(['output-available', 'output-denied', 'output-error']).toContain(part?.state);
    expect(chat.status).toBe('ready');
  });
  return chat.toolParts.find((p) => p.toolCallId === toolCallId)?.state as string;
}

/** The approval-answer body the AI SDK client sends, rebuilt by hand so a test can tamper with it. */
function answerBody(chat: TestChat, change: (part: Record<string, unknown>) => void, id = chat.id) {
  const messages = structuredClone(chat.messages) as UIMessage[];
  const last = messages.at(-1) as UIMessage;
  const part = last.parts.find((p) => p.type.startsWith('tool-')) as unknown as Record<string, unknown>;
  part.state = 'approval-responded';
  part.approval = { ...(part.approval as object), approved: true };
  change(part);
  return { id, messages, trigger: 'submit-message', messageId: last.id };
}

describe('approvals of destructive tool calls', () => {
  let runner: FakeTurnRunner;

  it('runs the call once the customer approves it, continuing the same message', async () => {
    runner = createFakeTurnRunner();
    server = await startChatServer(runner);
    const chat = new TestChat({ baseUrl: server.baseUrl, id: newChatId(), token: await tokenFor('cust_alice') });
    const { approvalId, toolCallId } = await askToCancel(chat);
    expect(runner.executed).toEqual([]);

    await chat.addToolApprovalResponse({ id: approvalId, approved: true });

    expect(await settled(chat, toolCallId)).toBe('output-available');
    expect(runner.executed.map((p) => p.toolCallId)).toEqual([toolCallId]);
    expect(runner.inputs[1]?.userText).toBeUndefined();
    expect(runner.inputs[1]?.answers).toEqual([{ approvalId, approved: true }]);
    expect(chat.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(chat.lastAnswer).toContain('Done: the order is cancelled.');

    const stored = await fetchConversation(server.baseUrl, chat.id, await tokenFor('cust_alice'));
    expect(stored.messages).toEqual(JSON.parse(JSON.stringify(chat.messages)));
  });

  it('does not run the call when the customer declines', async () => {
    runner = createFakeTurnRunner();
    server = await startChatServer(runner);
    const chat = new TestChat({ baseUrl: server.baseUrl, id: newChatId(), token: await tokenFor('cust_alice') });
    const { approvalId, toolCallId } = await askToCancel(chat);

    await chat.addToolApprovalResponse({ id: approvalId, approved: false, reason: 'changed my mind' });

    expect(await settled(chat, toolCallId)).toBe('output-denied');
    expect(runner.executed).toEqual([]);
    expect(runner.inputs[1]?.answers).toEqual([{ approvalId, approved: false, reason: 'changed my mind' }]);
    expect(chat.lastAnswer).toContain('nothing was cancelled');
  });

  it('closes an unanswered approval when the customer writes something else', async () => {
    runner = createFakeTurnRunner();
    server = await startChatServer(runner);
    const chat = new TestChat({ baseUrl: server.baseUrl, id: newChatId(), token: await tokenFor('cust_alice') });
    const { toolCallId } = await askToCancel(chat);

    await chat.sendMessage({ text: 'Actually, where is order A-1042?' });

    expect(chat.status).toBe('ready');
    expect(runner.executed).toEqual([]);
    expect(runner.inputs[1]).toMatchObject({ userText: 'Actually, where is order A-1042?', answers: [] });
    const stored = await fetchConversation(server.baseUrl, chat.id, await tokenFor('cust_alice'));
    const card = stored.messages[1]?.parts.find((p) => (p as { toolCallId?: string }).toolCallId === toolCallId);
    expect(card).toMatchObject({ state: 'output-denied', approval: { approved: false } });
  });

  describe('an answer that does not match the pending approval counts as no', () => {
    /** Two conversations of Alice's, each with a pending approval; a clock the test moves. */
    async function twoPendingConversations() {
      const now = { value: Date.now() };
      runner = createFakeTurnRunner({ now: () => now.value });
      server = await startChatServer(runner, { now: () => now.value });
      const token = await tokenFor('cust_alice');
      const chat = new TestChat({ baseUrl: server.baseUrl, id: newChatId(), token });
      await askToCancel(chat);
      const other = new TestChat({ baseUrl: server.baseUrl, id: newChatId(), token });
      await askToCancel(other);
      return { chat, other, token, now };
    }

    it('for an approval of another conversation', async () => {
      const { chat, other, token } = await twoPendingConversations();
      // The other conversation's approval answer, replayed into this conversation.
      const response = await postChat(
        server?.baseUrl as string,
        answerBody(other, () => {}, chat.id),
        { token },
      );
      const chunks = await readChunks(response);

      expect(response.status).toBe(200);
      expect(chunks).toContainEqual({ type: 'tool-output-denied', toolCallId: 'call_1' });
      expect(runner.executed).toEqual([]);
      expect(runner.inputs.at(-1)?.answers).toEqual([]);
    });

    it('for another tool call id', async () => {
      const { chat, token } = await twoPendingConversations();
      const body = answerBody(chat, (part) => {
        part.toolCallId = 'call_999';
      });
      await readChunks(await postChat(server?.baseUrl as string, body, { token }));

      expect(runner.executed).toEqual([]);
      expect(runner.inputs.at(-1)?.answers).toEqual([
        { approvalId: 'approval_1', approved: false, reason: APPROVAL_OVERRIDES.mismatch },
      ]);
    });

    it('for changed arguments', async () => {
      const { chat, token } = await twoPendingConversations();
      const body = answerBody(chat, (part) => {
        part.input = { order_number: 'A-1031' };
      });
      const chunks = await readChunks(await postChat(server?.baseUrl as string, body, { token }));

      expect(chunks).toContainEqual({ type: 'tool-output-denied', toolCallId: 'call_1' });
      expect(runner.executed).toEqual([]);
      expect(runner.inputs.at(-1)?.answers).toEqual([
        { approvalId: 'approval_1', approved: false, reason: APPROVAL_OVERRIDES.mismatch },
      ]);
    });

    it('after it expired', async () => {
      const { chat, token, now } = await twoPendingConversations();
      now.value += APPROVAL_TTL_MS + 1;
      await readChunks(
        await postChat(
          server?.baseUrl as string,
          answerBody(chat, () => {}),
          { token },
        ),
      );

      expect(runner.executed).toEqual([]);
      expect(runner.inputs.at(-1)?.answers).toEqual([
        { approvalId: 'approval_1', approved: false, reason: APPROVAL_OVERRIDES.expired },
      ]);
    });

    it('but the same untampered answer is a yes (control)', async () => {
      const { chat, token } = await twoPendingConversations();
      await readChunks(
        await postChat(
          server?.baseUrl as string,
          answerBody(chat, () => {}),
          { token },
        ),
      );
      expect(runner.executed.map((p) => p.approvalId)).toEqual(['approval_1']);
    });
  });

  it('refuses approval answers when nothing is pending (400), and in a stranger’s conversation (404)', async () => {
    runner = createFakeTurnRunner();
    server = await startChatServer(runner);
    const alice = await tokenFor('cust_alice');
    const chat = new TestChat({ baseUrl: server.baseUrl, id: newChatId(), token: alice });
    const { approvalId } = await askToCancel(chat);
    const body = answerBody(chat, () => {});

    const bob = await postChat(server.baseUrl, body, { token: await tokenFor('cust_bob') });
    expect(bob.status).toBe(404);
    expect(runner.executed).toEqual([]);

    await chat.addToolApprovalResponse({ id: approvalId, approved: true });
    await settled(chat, 'call_1');
    const replay = await postChat(server.baseUrl, body, { token: alice });
    expect(replay.status).toBe(400);
    expect((await readJson(replay)).message).toContain('no approval is waiting');
    expect(runner.executed).toHaveLength(1);
  });
});
