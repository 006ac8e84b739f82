import { chromiumAvailable, launchChromium } from '@shopchat/product-harness/chromium';
import { type DemoShop, serveDemoShop } from '@shopchat/product-harness/demo-shop';
import { buildWidget, DEMO_PAGE, WIDGET_JS } from '@shopchat/product-harness/widget';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SSE_HEADERS, uiMessageSse } from './support/ui-message-sse.ts';

/** The turn that asks to cancel an order, as the host streams it (and replays it to a resuming reader). */
const ASKING_TURN = [
  { type: 'start', messageId: 'msg_asking' },
  { type: 'start-step' },
  { type: 'tool-input-available', toolCallId: 'call_1', toolName: 'cancel_order', input: { order_number: 'A-1049' } },
  { type: 'tool-approval-request', approvalId: 'appr_1', toolCallId: 'call_1', reason: 'Cancel order A-1049.' },
  { type: 'finish' },
];

/**
 * Two readers of one turn at once: the widget's own `POST /api/chat` stream and a resume
 * (`GET /api/chat/:id/stream`, which the widget starts when the connection comes back). The host is faked at
 * the wire (Playwright routes), so the order of events is fixed: the resume's replay is complete before the
 * POST's answer begins. Before the fix each reader built its own copy of the message and both were shown: two
 * approval cards for one approval.
 */
describe.skipIf(!chromiumAvailable())('widget: a resume that overlaps a send', { timeout: 60_000 }, () => {
  let browser: Browser;
  let shop: DemoShop;

  beforeAll(async () => {
    buildWidget();
    shop = await serveDemoShop({
      widgetPath: WIDGET_JS,
      demoPagePath: DEMO_PAGE,
      // Every /api/* request is answered by the routes below; nothing reaches this address.
      hostUrl: () => 'http://127.0.0.1:9',
      imagesUrl: () => 'http://127.0.0.1:9',
      tokens: () => ({}),
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  const fakeHost = async (page: Page) => {
    let answerPost: () => void = () => {};
    const postMayAnswer = new Promise<void>((resolve) => {
      answerPost = resolve;
    });
    let resumes = 0;
    await page.route('**/api/tools', (route) => route.fulfill({ json: { tools: [] } }));
    await page.route(/\/api\/chat\/[^/]+(\/events)?$/, (route) => route.fulfill({ status: 404, json: {} }));
    await page.route(/\/api\/chat\/[^/]+\/stream$/, (route) => {
      resumes += 1;
      // The load finds no running turn; a later resume finds the asking turn running.
      if (resumes === 1) return route.fulfill({ status: 204 });
      return route.fulfill({ status: 200, headers: SSE_HEADERS, body: uiMessageSse(ASKING_TURN) });
    });
    await page.route('**/api/chat', async (route) => {
      await postMayAnswer;
      await route.fulfill({ status: 200, headers: SSE_HEADERS, body: uiMessageSse(ASKING_TURN) });
    });
    return { answerPost, resumes: () => resumes };
  };

  test('the connection comes back while an answer streams: one message, one approval card', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      const host = await fakeHost(page);
      await page.goto(shop.url);
      await page.getByRole('button', { name: 'Open chat' }).click();
      await expect.poll(host.resumes).toBe(1);
      const message = page.getByRole('textbox', { name: 'Message' });
      await message.fill('Cancel my last order');
      await message.press('Enter');
      await page.getByRole('log').getByText('Thinking…').waitFor();
      // The browser says it is online again while the POST's answer has not begun.
      const status = page.getByRole('status').filter({ hasText: 'Reconnecting' });
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await status.waitFor({ state: 'detached' });
      host.answerPost();
      await expect.poll(() => page.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true);

      const log = page.getByRole('log');
      expect(await log.getByRole('region', { name: 'Please confirm' }).count()).toBe(1);
      expect(await log.locator('.msg.assistant').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
