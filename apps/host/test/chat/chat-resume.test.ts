import { describe, expect, it, vi } from 'vitest';
import { fetchConversation, newChatId } from './support/chat-requests.ts';
import { closeServersAfterEach, startChatServer, tokenFor } from './support/chat-test-server.ts';
import { createFakeTurnRunner } from './support/fake-turn-runner.ts';
import { TestChat } from './support/test-chat.ts';

closeServersAfterEach();

/** A gate a turn waits at; open by default. */
function createGate() {
  let open: () => void = () => {};
  let gate = Promise.resolve();
  return {
    wait: () => gate,
    close() {
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
    },
    open: () => open(),
  };
}

describe('GET /api/chat/:id/stream (resume)', () => {
  it('replays the running turn from its start and follows it live, for another request', async () => {
    const gate = createGate();
    gate.close();
    const server = await startChatServer(createFakeTurnRunner({ hold: gate.wait }));
    const id = newChatId();
    const token = await tokenFor('cust_alice');
    const first = new TestChat({ baseUrl: server.baseUrl, id, token });
    const sending = first.sendMessage({ text: 'Is the rain jacket in medium in stock?' });
    await vi.waitFor(() => expect(first.lastAnswer).toBe('Hello! '));

    // A reloaded page: what the server stored so far, then the running turn's stream.
    const stored = await fetchConversation(server.baseUrl, id, token);
    expect(stored.messages.map((m) => m.role)).toEqual(['user']);
    const second = new TestChat({ baseUrl: server.baseUrl, id, token, messages: stored.messages });
    const resuming = second.resumeStream();
    await vi.waitFor(() => expect(second.lastAnswer).toBe('Hello! '));

    gate.open();
    await Promise.all([sending, resuming]);
    expect(second.status).toBe('ready');
    expect(second.lastAnswer).toBe('Hello! You said: Is the rain jacket in medium in stock?');
    expect(second.messages).toEqual(first.messages);
  });

  it('rebuilds the whole message when the running turn continues one after an approval', async () => {
    const gate = createGate();
    const server = await startChatServer(createFakeTurnRunner({ hold: gate.wait }));
    const id = newChatId();
    const token = await tokenFor('cust_alice');
    const first = new TestChat({ baseUrl: server.baseUrl, id, token });
    await first.sendMessage({ text: 'Cancel my last order' });
    const card = first.toolParts[0] as unknown as { approval: { id: string } };

    gate.close();
    await first.addToolApprovalResponse({ id: card.approval.id, approved: true });
    await vi.waitFor(() => expect(first.lastAnswer).toContain('Done: '));
    const stored = await fetchConversation(server.baseUrl, id, token);
    const second = new TestChat({ baseUrl: server.baseUrl, id, token, messages: stored.messages });
    const resuming = second.resumeStream();
    await vi.waitFor(() => expect(second.toolParts[0]?.state).toBe('output-available'));

    gate.open();
    await resuming;
    await vi.waitFor(() => expect(first.status).toBe('ready'));
    expect(second.lastAnswer).toBe('I can cancel order A-1042 for you.Done: the order is cancelled.');
    expect(second.messages).toEqual(first.messages);
  });

  it('answers 204 when no turn is running, and the client stays ready', async () => {
    const server = await startChatServer(createFakeTurnRunner());
    const id = newChatId();
    expect((await fetch(`${server.baseUrl}/api/chat/${id}/stream`)).status).toBe(204);

    const chat = new TestChat({ baseUrl: server.baseUrl, id });
    await chat.sendMessage({ text: 'hi' });
    const response = await fetch(`${server.baseUrl}/api/chat/${id}/stream`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    await chat.resumeStream();
    expect(chat.status).toBe('ready');
    expect(chat.messages).toHaveLength(2);
  });

  it('never resumes someone else’s turn (404)', async () => {
    const gate = createGate();
    gate.close();
    const server = await startChatServer(createFakeTurnRunner({ hold: gate.wait }));
    const id = newChatId();
    const alice = new TestChat({ baseUrl: server.baseUrl, id, token: await tokenFor('cust_alice') });
    const sending = alice.sendMessage({ text: 'hello' });
    await vi.waitFor(() => expect(alice.lastAnswer).toBe('Hello! '));

    const bob = await fetch(`${server.baseUrl}/api/chat/${id}/stream`, {
      headers: { authorization: `Bearer ${await tokenFor('cust_bob')}` },
    });
    const anonymous = await fetch(`${server.baseUrl}/api/chat/${id}/stream`);
    expect([bob.status, anonymous.status]).toEqual([404, 404]);
    expect(await bob.json()).toEqual({ error: 'not_found', message: expect.any(String) });
    gate.open();
    await sending;
  });
});
