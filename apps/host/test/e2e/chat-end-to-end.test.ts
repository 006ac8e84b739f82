import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningHost } from '../../src/start-host.ts';
import { TestChat } from '../chat/support/test-chat.ts';
import { type RunningProduct, startProduct, waitUntil } from './support/start-product.ts';

// The product end to end over real HTTP: the ai package's chat client → host → model-sim and the real
// orders, products and docs MCP servers (each its own process).
let product: RunningProduct;
let host: RunningHost;

beforeAll(async () => {
  product = await startProduct();
  // A fast tool-list check, so a server's outage is seen within a second even without a failing call.
  host = await product.startHost({ MCP_TOOLS_REFRESH_MS: '1000' });
}, 120_000);
afterAll(() => product?.stop(), 60_000);

const chatAs = (token?: string, target = host) =>
  new TestChat({ baseUrl: target.url, id: `e2e-${randomUUID()}`, ...(token ? { token } : {}) });

type ToolPart = {
  type: string;
  state: string;
  toolCallId: string;
  output?: unknown;
  errorText?: string;
  approval?: { id: string; requestReason?: string };
};
const parts = (chat: TestChat) => chat.toolParts as unknown as ToolPart[];

async function settled(chat: TestChat) {
  await vi.waitFor(() => expect(chat.status).toBe('ready'), { timeout: 20_000, interval: 50 });
}

describe('chat end to end', () => {
  it('answers a product question with real catalogue results, filters applied', async () => {
    const chat = chatAs();
    await chat.sendMessage({ text: 'Do you have waterproof hiking boots in size 44 under 150 euros?' });
    const search = parts(chat).find((p) => p.type === 'tool-search_products');
    expect(search?.state).toBe('output-available');
    const products = (search?.output as { results?: { price: { amount_minor: number } }[] } | undefined)?.results ?? [];
    expect(products.length).toBeGreaterThan(0);
    for (const card of products) expect(card.price.amount_minor).toBeLessThan(15_000);
    expect(chat.lastAnswer).toMatch(/offline demo model/);
  });

  it('tracks Alice’s order for Alice', async () => {
    const chat = chatAs(product.tokens.cust_alice);
    await chat.sendMessage({ text: 'Where is my order A-1042?' });
    expect(parts(chat).find((p) => p.type === 'tool-track_shipment')?.state).toBe('output-available');
    expect(chat.lastAnswer).toMatch(/DHL/);
  });

  it('asks an anonymous visitor to sign in and reveals nothing about the order', async () => {
    const chat = chatAs();
    await chat.sendMessage({ text: 'Where is my order A-1042?' });
    expect(chat.lastAnswer).toMatch(/sign in/i);
    expect(JSON.stringify(chat.messages)).not.toMatch(/DHL|in_transit|Hamburg/);
  });

  it('cancels only after Alice approves the exact call', async () => {
    const chat = chatAs(product.tokens.cust_alice);
    await chat.sendMessage({ text: 'Please cancel my order A-1049' });
    const card = parts(chat).find((p) => p.type === 'tool-cancel_order');
    expect(card?.state).toBe('approval-requested');
    // The card says exactly what will happen, in the orders server's own words.
    expect(card?.approval?.requestReason).toMatch(
      /^Cancel order A-1049: \d+ items?, €[\d,.]+; the €[\d,.]+ paid is refunded/,
    );
    const before = chatAs(product.tokens.cust_alice);
    await before.sendMessage({ text: 'Show me order A-1049' });
    expect(JSON.stringify(parts(before).at(-1)?.output)).toMatch(/"status":"paid"/);

    await chat.addToolApprovalResponse({ id: String(card?.approval?.id), approved: true });
    await vi.waitFor(
      () => expect(parts(chat).find((p) => p.type === 'tool-cancel_order')?.state).toBe('output-available'),
      {
        timeout: 20_000,
      },
    );
    await settled(chat);
    expect(chat.lastAnswer).toMatch(/cancel/i);
    const after = chatAs(product.tokens.cust_alice);
    await after.sendMessage({ text: 'Show me order A-1049' });
    expect(JSON.stringify(parts(after).at(-1)?.output)).toMatch(/"status":"cancelled"/);
  });

  it('does not cancel when Bob declines', async () => {
    const chat = chatAs(product.tokens.cust_bob);
    await chat.sendMessage({ text: 'Please cancel my order A-1045' });
    const card = parts(chat).find((p) => p.type === 'tool-cancel_order');
    await chat.addToolApprovalResponse({ id: String(card?.approval?.id), approved: false });
    await vi.waitFor(
      () => expect(parts(chat).find((p) => p.type === 'tool-cancel_order')?.state).toBe('output-denied'),
      {
        timeout: 20_000,
      },
    );
    await settled(chat);
    const check = chatAs(product.tokens.cust_bob);
    await check.sendMessage({ text: 'Show me order A-1045' });
    expect(JSON.stringify(parts(check).at(-1)?.output)).toMatch(/"status":"placed"/);
  });

  it('answers honestly while the products server is down, and uses it again once it is back', async () => {
    await product.stopService('products');
    await waitUntil(
      () =>
        host.catalogue
          .entries()
          .filter((e) => e.server === 'products')
          .every((e) => !e.available),
      20_000,
    );
    const tools = (await (await fetch(`${host.url}/api/tools`)).json()) as {
      tools: { server: string; available: boolean }[];
    };
    expect(tools.tools.filter((t) => t.server === 'products').every((t) => !t.available)).toBe(true);
    const down = chatAs();
    await down.sendMessage({ text: 'Do you have waterproof hiking boots in size 44?' });
    expect(parts(down).some((p) => p.type === 'tool-search_products' && p.state === 'output-available')).toBe(false);
    expect(down.lastAnswer.length).toBeGreaterThan(0);

    await product.startService('products');
    await waitUntil(() => host.catalogue.entries().some((e) => e.server === 'products' && e.available), 40_000);
    const up = chatAs();
    await up.sendMessage({ text: 'Do you have waterproof hiking boots in size 44?' });
    expect(parts(up).find((p) => p.type === 'tool-search_products')?.state).toBe('output-available');
  }, 90_000);

  it('refuses a malformed chat request with 400 and a forged token with 401', async () => {
    const malformed = await fetch(`${host.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":',
    });
    expect(malformed.status).toBe(400);
    const forged = await fetch(`${host.url}/api/chat`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${product.tokens.cust_alice.slice(0, -4)}AAAA`,
      },
      body: JSON.stringify({
        id: 'e2e-forged',
        trigger: 'submit-message',
        messages: [{ id: 'm', role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
      }),
    });
    expect(forged.status).toBe(401);
  });

  it('stops at the iteration guard with a clear answer', async () => {
    const guarded = await product.startHost({ MAX_TOOL_ROUNDS: '1' });
    const chat = chatAs(product.tokens.cust_alice, guarded);
    await chat.sendMessage({ text: 'Where is my order A-1042?' });
    expect(chat.lastAnswer).toMatch(/could not finish/);
  });

  it('ends a turn cleanly when a tool times out', async () => {
    const impatient = await product.startHost({ TOOL_TIMEOUT_MS: '100' });
    await product.stopService('docs');
    // A server that accepts connections but never answers: the call must time out, not hang the turn.
    const { createServer } = await import('node:net');
    const sockets = new Set<import('node:net').Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(product.ports.docs, '127.0.0.1', resolve));
    try {
      const chat = chatAs(undefined, impatient);
      const started = Date.now();
      await chat.sendMessage({ text: 'How long does delivery to Norway take?' });
      await settled(chat);
      expect(Date.now() - started).toBeLessThan(10_000);
      const call = parts(chat).find((p) => p.type === 'tool-search_docs');
      expect(call?.state).toBe('output-error');
      expect(chat.lastAnswer.length).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      await product.startService('docs');
    }
  }, 60_000);
});
