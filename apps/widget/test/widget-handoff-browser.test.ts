import { type ProductProcesses, type RunningHostProcess, startProductProcesses } from '@shopchat/product-harness';
import { axeViolations } from '@shopchat/product-harness/axe';
import { chromiumAvailable, launchChromium } from '@shopchat/product-harness/chromium';
import { type DemoShop, serveDemoShop } from '@shopchat/product-harness/demo-shop';
import { buildWidget, DEMO_PAGE, WIDGET_JS } from '@shopchat/product-harness/widget';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { openTestPage } from './support/open-test-page.ts';
import { signStaffToken } from './support/staff-token.ts';

// Generous: CI runs these beside other suites on two cores, and a chat turn there can take seconds.
const ANSWER_MS = 45_000;
const CONSOLE_SECRET = 'widget-handoff-test-secret-0123456789abcdef';

/**
 * The customer's side of a hand-off in Chromium, against the real product (host, MCP servers, model-sim): the
 * widget asks for a person, an agent (the console's API, driven here with a staff token) claims, types,
 * replies and hands back to the bot. What the test reads are the widget's stable hooks: roles and names,
 * `data-author`, `data-handoff-event`, `data-handoff-state`, `data-typing`.
 */
describe.skipIf(!chromiumAvailable())('widget hand-off to a person, in Chromium', { timeout: 180_000 }, () => {
  let product: ProductProcesses;
  let host: RunningHostProcess;
  let shop: DemoShop;
  let browser: Browser;
  let page: Page;
  const dana = signStaffToken({ secret: CONSOLE_SECRET, staffId: 'staff_dana' });

  beforeAll(async () => {
    buildWidget();
    shop = await serveDemoShop({
      widgetPath: WIDGET_JS,
      demoPagePath: DEMO_PAGE,
      hostUrl: () => host.url,
      imagesUrl: () => `http://127.0.0.1:${product.ports.products}`,
      tokens: () => product.tokens,
    });
    product = await startProductProcesses();
    host = await product.startHost({ CHAT_TURNS_PER_MINUTE: '1000', CONSOLE_JWT_SECRET: CONSOLE_SECRET });
    browser = await launchChromium();
  }, 240_000); // the whole product starts as processes: slow on a loaded two-core machine

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await product?.stop();
  });

  beforeEach(async (hooks) => {
    const opened = await openTestPage(browser, hooks);
    page = opened.page;
    await opened.context.addInitScript(() => localStorage.setItem('shopchat-demo:customer', 'cust_alice'));
  });

  const log = () => page.getByRole('log');
  const widget = () => page.locator('shopchat-widget');
  const openChat = async () => {
    await page.goto(shop.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
  };
  const ask = async (text: string) => {
    await page.getByRole('textbox', { name: 'Message' }).fill(text);
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  };
  const conversationId = () => page.evaluate(() => localStorage.getItem('shopchat:conversation:sub:cust_alice'));
  const agent = async (action: 'claim' | 'typing' | 'messages' | 'release', body?: unknown) => {
    const id = await conversationId();
    const response = await fetch(`${host.url}/api/console/conversations/${id}/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${dana}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status, `${action}: ${await response.clone().text()}`).toBeLessThan(300);
  };
  /** An agent with the console's queue open: someone is on duty (the host's presence heartbeat). */
  const agentOnDuty = async () => {
    const stop = new AbortController();
    const response = await fetch(`${host.url}/api/console/queue/events`, {
      headers: { authorization: `Bearer ${dana}` },
      signal: stop.signal,
    });
    expect(response.status).toBe(200);
    return () => stop.abort();
  };
  const seriousViolations = async () =>
    (await axeViolations(page, 'shopchat-widget')).filter((v) => v.impact === 'serious' || v.impact === 'critical');

  // First: no agent has had the console open yet, so nobody is on duty.
  test('nobody on duty: the widget says the shop will answer by email', async () => {
    await openChat();
    await ask('I want to talk to a person');
    const line = log().locator('[data-handoff-event="by-email"]');
    await line.waitFor({ timeout: ANSWER_MS });
    expect(await line.textContent()).toMatch(/answer you by email/);
    expect(await widget().getAttribute('data-handoff-state')).toBe('waiting');
    expect(await seriousViolations()).toEqual([]);
  });

  test('an agent claims, types, replies and hands back; the bot answers again; a reload keeps the name', async () => {
    const offDuty = await agentOnDuty();
    try {
      await openChat();
      await ask('I want to talk to a person');
      const waiting = log().locator('[data-handoff-event="waiting"]');
      await waiting.waitFor({ timeout: ANSWER_MS });
      expect(await waiting.textContent()).toBe('Someone from our team will join shortly.');
      expect(await seriousViolations()).toEqual([]);

      await agent('claim');
      await log().getByText('Dana from our team has joined the chat.').waitFor({ timeout: 10_000 });
      expect(await widget().getAttribute('data-handoff-state')).toBe('with_agent');

      await agent('typing');
      const typing = page.getByRole('status').filter({ hasText: 'Dana is typing…' });
      await typing.waitFor({ timeout: 10_000 });
      expect(await typing.getAttribute('data-typing')).toBe('');
      expect(await seriousViolations()).toEqual([]);

      await agent('messages', { text: 'Hi, I am Dana. I can help with that.' });
      const fromDana = log().locator('[data-author="agent"]');
      await fromDana.waitFor({ timeout: 10_000 });
      expect(await fromDana.locator('.author').textContent()).toBe('Dana (from our team): ');
      expect(await fromDana.getByText('Hi, I am Dana. I can help with that.').count()).toBe(1);
      await typing.waitFor({ state: 'hidden' }); // the message came: no longer typing
      expect(await seriousViolations()).toEqual([]);

      // While Dana holds the conversation the customer's words go to her, not to the model: no bot answer, and
      // no empty bubble either.
      const botMessages = await log().locator('[data-author="bot"]').count();
      await ask('My parcel arrived damaged.');
      await log().getByText('My parcel arrived damaged.').waitFor();
      await expect.poll(() => page.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true);
      expect(await log().locator('[data-author="bot"]').count()).toBe(botMessages);

      await agent('release', { to: 'bot' });
      await log()
        .locator('[data-handoff-event="left"]')
        .getByText('Dana has left the chat; the assistant is back.')
        .waitFor({ timeout: 10_000 });
      expect(await widget().getAttribute('data-handoff-state')).toBe('bot');

      await ask('Where is my order A-1042?');
      await log().locator('[data-author="bot"] .order').waitFor({ timeout: ANSWER_MS });

      await page.reload();
      await page.getByRole('button', { name: 'Open chat' }).click();
      const afterReload = log().locator('[data-author="agent"]');
      await afterReload.waitFor({ timeout: 10_000 });
      expect(await afterReload.locator('.author').textContent()).toBe('Dana (from our team): ');
      expect(await afterReload.textContent()).toContain('Hi, I am Dana. I can help with that.');
    } finally {
      offDuty();
    }
  });
});
