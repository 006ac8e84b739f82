import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mintDemoCustomerTokens, mintStaffToken, type RunningHost, startHost } from '@shopchat/host';
import { generateIdentityKeyPair } from '@shopchat/mcp-service';
import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import { buildConsole } from '@shopchat/product-harness/apps';
import { axeViolations } from '@shopchat/product-harness/axe';
import { chromiumAvailable, launchChromium } from '@shopchat/product-harness/chromium';
// The host's own test listener of a live SSE stream: the customer's side of the hand-off, as the widget hears it.
import { listenSse } from '@shopchat/product-harness/sse';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chatOverHttp } from './support/chat-over-http.ts';

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const CONSOLE_SECRET = 'console-queue-test-secret-0123456789abcdef';

type Chunk = { type: string; data?: Record<string, unknown>; delta?: string; messageMetadata?: unknown };

// One host in this process for the file, with model-sim and no MCP server (the hand-off tool is the host's
// own); each test hands a new conversation to a person: model-sim calls the tool when asked for a person.
describe.skipIf(!chromiumAvailable())('the console’s live queue in Chromium', { timeout: 90_000 }, () => {
  let sim: RunningModelSim;
  let host: RunningHost;
  let tokens: { cust_alice: string; cust_bob: string };
  let browser: Browser;
  let dana: string;
  let sam: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    buildConsole();
    sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
    const customerSecret = randomBytes(32).toString('hex');
    tokens = await mintDemoCustomerTokens(customerSecret);
    host = await startHost({
      PORT: '0',
      METRICS_PORT: '0',
      LOG_LEVEL: 'silent',
      // Nobody listens there: no shop tools, and none needed for a hand-off.
      MCP_SERVERS: 'orders=http://127.0.0.1:9/mcp',
      MCP_IDENTITY_PRIVATE_KEY: (await generateIdentityKeyPair()).privateKey,
      CUSTOMER_JWT_SECRET: customerSecret,
      ANTHROPIC_BASE_URL: sim.url,
      CONSOLE_JWT_SECRET: CONSOLE_SECRET,
      CHAT_TURNS_PER_MINUTE: '1000',
    });
    dana = await mintStaffToken({ secret: CONSOLE_SECRET, staff: { staffId: 'staff_dana', role: 'agent' } });
    sam = await mintStaffToken({ secret: CONSOLE_SECRET, staff: { staffId: 'staff_sam', role: 'agent' } });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await host?.stop();
    await sim?.stop();
  });

  /** A signed-in agent's console tab on the queue page, with the live queue's first snapshot shown. */
  const openQueue = async (token: string): Promise<Page> => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${host.url}/console/`);
    await page.getByLabel('Staff token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
    await page.getByRole('link', { name: 'Queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    await page.locator('ul.queue li').first().waitFor();
    return page;
  };
  const screenshotOnFailure = async (failed: boolean, pages: Page[], name: string) => {
    if (!failed) return;
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [i, page] of pages.entries()) {
      await page.screenshot({ path: `${ARTIFACTS}queue-${name}-${i}.png`, fullPage: true }).catch(() => {});
    }
  };
  /** Presses Tab until `match` is what has the focus; false if it never comes. */
  const tabTo = async (page: Page, match: (el: { tag: string; text: string; label: string }) => boolean) => {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => ({
        tag: document.activeElement?.tagName ?? '',
        text: document.activeElement?.textContent ?? '',
        label: document.activeElement?.getAttribute('aria-label') ?? '',
      }));
      if (match(el)) return true;
    }
    return false;
  };

  test('a hand-off appears live; the agent reads the summary, claims and replies by keyboard, then returns it to the bot', async ({
    onTestFinished,
    task,
  }) => {
    const page = await openQueue(dana);
    onTestFinished(() => screenshotOnFailure(task.result?.state === 'fail', [page], 'flow'));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // The customer asks for a person: model-sim calls the hand-off tool.
    const customer = chatOverHttp(host.url, tokens.cust_alice);
    await customer.say('Where is my order A-1042?');
    const handover = await customer.say('I want to talk to a person');
    expect(handover).toContainEqual(expect.objectContaining({ type: 'data-handoff' }));
    const widget = await listenSse<Chunk>(`${host.url}/api/chat/${customer.id}/events`, tokens.cust_alice);
    await widget.next((c) => c.type === 'data-handoff' && c.data?.state === 'waiting');

    // It shows up in the open queue page without a reload.
    const item = page.getByRole('button', { name: /^cust_alice — waiting since/ });
    await item.waitFor();

    // Keyboard only: to the queue item, open it, claim it.
    expect(await tabTo(page, (el) => el.tag === 'BUTTON' && /^cust_alice — waiting/.test(el.text))).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'cust_alice' }).waitFor();
    expect(await page.locator('.summary').textContent()).toContain('I want to talk to a person');
    const transcript = page.locator('ol.transcript li');
    await expect.poll(() => transcript.allTextContents()).toContain('Customer: I want to talk to a person');
    const lines = await transcript.allTextContents();
    expect(lines[0]).toBe('Customer: Where is my order A-1042?');
    expect(lines[1]).toMatch(/^Assistant: ./s);
    expect(await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Claim')).toBe(true);
    await page.keyboard.press('Enter');
    // Claimed: the reply box has the focus, and the customer's widget hears who answers.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reply');
    await widget.next((c) => c.type === 'data-handoff' && c.data?.state === 'with_agent');
    expect(widget.events.find((c) => c.data?.state === 'with_agent')?.data).toMatchObject({ agent: { name: 'Dana' } });
    expect(await page.getByRole('button', { name: /^cust_alice — with Dana/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const reply = 'Hello, I am Dana. Your parcel A-1042 leaves the warehouse today.';
    await page.keyboard.type(reply);
    expect(await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Send')).toBe(true);
    await page.keyboard.press('Enter');
    // The reply reaches the customer's live stream, named by the agent, and the console's transcript.
    const start = await widget.next((c) => c.type === 'start' && c.messageMetadata !== undefined);
    expect(start.messageMetadata).toEqual({ author: { kind: 'agent', name: 'Dana' } });
    await widget.next((c) => c.type === 'text-delta' && c.delta === reply);
    await expect.poll(() => transcript.last().textContent()).toBe(`Dana: ${reply}`);
    expect(await page.getByLabel('Reply to the customer').inputValue()).toBe('');

    // The customer writes back: it appears in the open transcript live.
    await customer.say('Thank you, Dana!');
    await expect.poll(() => transcript.last().textContent()).toBe('Customer: Thank you, Dana!');

    // Back to the bot: the widget hears it, and the queue is empty again.
    await page.getByRole('button', { name: 'Return to the assistant' }).click();
    await widget.next((c) => c.type === 'data-handoff' && c.data?.state === 'bot');
    await page.getByText('This conversation is no longer handed over.').waitFor();
    await page.getByText('Nobody is waiting for a person.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    widget.close();
    // The bot answers again.
    const answer = await customer.say('Where is my order A-1042?');
    expect(answer.some((c) => c.type === 'text-delta')).toBe(true);
    expect(errors).toEqual([]);
  });

  test('two agents claim the same conversation at once: one gets it, the other a clear message', async ({
    onTestFinished,
    task,
  }) => {
    const [first, second] = await Promise.all([openQueue(dana), openQueue(sam)]);
    if (!first || !second) throw new Error('two console tabs expected');
    onTestFinished(() => screenshotOnFailure(task.result?.state === 'fail', [first, second], 'claim'));
    const customer = chatOverHttp(host.url, tokens.cust_bob);
    await customer.say('Let me talk to a human agent please.');
    for (const page of [first, second]) {
      await page.getByRole('button', { name: /^cust_bob — waiting since/ }).click();
      await page.getByRole('button', { name: 'Claim' }).waitFor();
    }
    await Promise.all([first, second].map((page) => page.getByRole('button', { name: 'Claim' }).click()));
    const claimed = async (page: Page) => (await page.getByLabel('Reply to the customer').count()) > 0;
    const refusal = async (page: Page) => (await page.getByRole('status').textContent()) ?? '';
    // One tab shows the reply box, the other a message saying who has it.
    await expect
      .poll(async () => (await claimed(first)) !== (await claimed(second)) && (await refusal(await loserOf())) !== '')
      .toBe(true);
    async function loserOf() {
      return (await claimed(first)) ? second : first;
    }
    const loser = await loserOf();
    const winner = loser === first ? 'Sam' : 'Dana';
    expect(await refusal(loser)).toBe(`${winner} has already claimed this conversation.`);
    expect(await axeViolations(loser)).toEqual([]);
    // Whoever won closes it; it leaves both queues.
    const winnerPage = loser === first ? second : first;
    await winnerPage.getByRole('button', { name: 'Close', exact: true }).click();
    for (const page of [first, second]) await page.getByText('Nobody is waiting for a person.').waitFor();
  });
});
