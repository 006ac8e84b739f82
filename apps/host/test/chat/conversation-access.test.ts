import { describe, expect, it } from 'vitest';
import { newChatId, postChat, userMessage } from './support/chat-requests.ts';
import { type ChatTestServer, closeServersAfterEach, startChatServer, tokenFor } from './support/chat-test-server.ts';
import { createFakeTurnRunner, type FakeTurnRunner } from './support/fake-turn-runner.ts';
import { TestChat } from './support/test-chat.ts';

let server: ChatTestServer | undefined;
closeServersAfterEach();

async function getConversation(id: string, token?: string) {
  return fetch(`${server?.baseUrl}/api/chat/${id}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

describe('GET /api/chat/:id and conversation ownership', () => {
  let runner: FakeTurnRunner;

  it('returns the stored messages to the customer who owns the conversation only', async () => {
    runner = createFakeTurnRunner();
    server = await startChatServer(runner);
    const alice = await tokenFor('cust_alice');
    const chat = new TestChat({ baseUrl: server.baseUrl, id: newChatId(), token: alice });
    await chat.sendMessage({ text: 'What did I order last month?' });

    const own = await getConversation(chat.id, alice);
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('no-store');
    expect(await own.json()).toEqual({ id: chat.id, messages: JSON.parse(JSON.stringify(chat.messages)) });

    const bob = await getConversation(chat.id, await tokenFor('cust_bob'));
    const anonymous = await getConversation(chat.id);
    const missing = await getConversation(newChatId(), alice);
    expect([bob.status, anonymous.status, missing.status]).toEqual([404, 404, 404]);
    // The same answer whether the conversation is someone else's or does not exist.
    expect(await bob.json()).toEqual(await missing.json());
    expect(await anonymous.json()).toEqual({
      error: 'not_found',
      message: 'There is no such conversation for this caller.',
    });
  });

  it('does not let another customer write into a conversation (404, runner not called)', async () => {
    runner = createFakeTurnRunner();
    server = await startChatServer(runner);
    const chat = new TestChat({ baseUrl: server.baseUrl, id: newChatId(), token: await tokenFor('cust_alice') });
    await chat.sendMessage({ text: 'hello' });

    const bob = await postChat(
      server.baseUrl,
      { id: chat.id, trigger: 'submit-message', messages: [userMessage('show me this chat')] },
      { token: await tokenFor('cust_bob') },
    );
    const anonymous = await postChat(server.baseUrl, {
      id: chat.id,
      trigger: 'submit-message',
      messages: [userMessage('me too')],
    });
    expect([bob.status, anonymous.status]).toEqual([404, 404]);
    expect(runner.inputs).toHaveLength(1);
  });

  it('binds an anonymous conversation to its id: anonymous holders read it, signed-in customers do not', async () => {
    runner = createFakeTurnRunner();
    server = await startChatServer(runner);
    const chat = new TestChat({ baseUrl: server.baseUrl, id: newChatId() });
    await chat.sendMessage({ text: 'Do you have waterproof hiking boots in size 44?' });

    expect((await getConversation(chat.id)).status).toBe(200);
    expect((await getConversation(chat.id, await tokenFor('cust_alice'))).status).toBe(404);
    expect(runner.inputs[0]?.caller).toEqual({ kind: 'anonymous' });
  });

  it('rejects a malformed conversation id with 400', async () => {
    server = await startChatServer(createFakeTurnRunner());
    const response = await fetch(`${server.baseUrl}/api/chat/${'x'.repeat(129)}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_request', message: expect.stringContaining('id:') });
    expect((await fetch(`${server.baseUrl}/api/chat/bad%20id/stream`)).status).toBe(400);
  });
});
