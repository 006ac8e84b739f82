import { type ProductProcesses, type RunningHostProcess, startProductProcesses } from '@shopchat/product-harness';
import { axeViolations } from '@shopchat/product-harness/axe';
import { chromiumAvailable, launchChromium } from '@shopchat/product-harness/chromium';
import { type DemoShop, serveDemoShop } from '@shopchat/product-harness/demo-shop';
import { buildWidget, DEMO_PAGE, WIDGET_JS } from '@shopchat/product-harness/widget';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { openTestPage } from './support/open-test-page.ts';
import { SSE_HEADERS, uiMessageSse } from './support/ui-message-sse.ts';

// Generous: CI runs these beside other suites on two cores, and a chat turn there can take seconds.
const ANSWER_MS = 45_000;

describe.skipIf(!chromiumAvailable())('widget in Chromium against the real product', { timeout: 120_000 }, () => {
  let product: ProductProcesses;
  let host: RunningHostProcess;
  let shop: DemoShop;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    buildWidget();
    let productsUrl = '';
    shop = await serveDemoShop({
      widgetPath: WIDGET_JS,
      demoPagePath: DEMO_PAGE,
      hostUrl: () => host.url,
      imagesUrl: () => productsUrl,
      tokens: () => product.tokens,
    });
    // Product pictures are linked through the shop's origin, as a CDN in front of the products server would.
    process.env.PRODUCTS_PUBLIC_URL = shop.url;
    product = await startProductProcesses();
    productsUrl = `http://127.0.0.1:${product.ports.products}`;
    host = await product.startHost({ CHAT_TURNS_PER_MINUTE: '1000' });
    browser = await launchChromium();
  }, 240_000); // the whole product starts as processes: slow on a loaded two-core machine

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await product?.stop();
  });

  beforeEach(async (hooks) => {
    ({ context, page } = await openTestPage(browser, hooks));
  });

  const signInAs = (customer: 'cust_alice' | 'cust_bob') =>
    context.addInitScript((c) => localStorage.setItem('shopchat-demo:customer', c), customer);
  const log = () => page.getByRole('log');
  /** Answers every chat request with these UI message stream chunks, as the host would stream them. */
  const answerWith = (chunks: readonly object[]) =>
    page.route('**/api/chat', (route) =>
      route.fulfill({ status: 200, headers: SSE_HEADERS, body: uiMessageSse(chunks) }),
    );
  const openChat = async () => {
    await page.goto(shop.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
  };
  const ask = async (text: string) => {
    await page.getByRole('textbox', { name: 'Message' }).fill(text);
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  };
  const activeInWidget = () =>
    page.evaluate(() => {
      const widget = document.querySelector('shopchat-widget');
      return { host: document.activeElement === widget, inner: widget?.shadowRoot?.activeElement?.tagName ?? null };
    });
  const storedMessages = (customer: string) =>
    page.evaluate(async (c) => {
      const id = localStorage.getItem(`shopchat:conversation:sub:${c}`);
      const tokens = await (await fetch('/demo-tokens.json')).json();
      const response = await fetch(`/api/chat/${id}`, { headers: { authorization: `Bearer ${tokens[c]}` } });
      return (await response.json()).messages as { role: string; parts: { type: string; state?: string }[] }[];
    }, customer);

  test('opens, moves focus inside, streams an answer with product cards and their pictures', async () => {
    await openChat();
    expect(await activeInWidget()).toEqual({ host: true, inner: 'TEXTAREA' });
    await ask('Do you have waterproof hiking boots in size 44 under 150 euros?');
    await expect.poll(() => log().locator('.card img').count(), { timeout: ANSWER_MS }).toBeGreaterThan(0);
    await expect
      .poll(() => log().locator('.msg.assistant p').first().textContent(), { timeout: ANSWER_MS })
      .toBeTruthy();
    const card = log().locator('.card').first();
    expect(await card.locator('.price').textContent()).toMatch(/€\d/);
    expect(await card.locator('.rating').textContent()).toMatch(/Rated \d\.\d out of 5/);
    expect(await card.locator('.stock').textContent()).toMatch(/44|stock/i);
    const pictures = log().locator('.card img');
    await expect
      .poll(() => pictures.evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).naturalWidth > 0)), {
        timeout: 10_000,
      })
      .toBe(true);
  });

  // Keep first: it must leave the order as it was, so Confirm then finds the same order to cancel.
  test.each([
    { button: 'Keep', outcome: 'cancels nothing', notice: 'You chose to keep it', state: 'output-denied' },
    { button: 'Confirm', outcome: 'cancels the order', notice: 'You confirmed this.', state: 'output-available' },
  ] as const)('as Alice, $button on the cancellation card $outcome', async ({ button, notice, state }) => {
    await signInAs('cust_alice');
    await openChat();
    await ask('Cancel my last order, I bought the wrong size');
    const card = log().getByRole('region', { name: 'Please confirm' });
    await card.waitFor({ timeout: ANSWER_MS });
    expect(await card.textContent()).toMatch(/Cancel order A-\d{4}: \d+ items?, €[\d.,]+/);
    // The orders server's own icon for cancel_order, passed through the host's GET /api/tools.
    expect(await card.locator('img.tool-icon').getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
    await card.getByRole('button', { name: button }).click();
    await log().getByText(notice).waitFor({ timeout: ANSWER_MS });
    const cancellation = async () =>
      (await storedMessages('cust_alice')).flatMap((m) => m.parts).find((p) => p.type === 'tool-cancel_order')?.state;
    await expect.poll(cancellation, { timeout: ANSWER_MS }).toBe(state);
  });

  test('as Alice: order status with the shipment timeline; switching to Bob shows Bob his own conversation', async () => {
    await signInAs('cust_alice');
    await openChat();
    await ask('Where is my order A-1042?');
    const order = log().locator('.order');
    await order.waitFor({ timeout: ANSWER_MS });
    expect(await order.textContent()).toMatch(/Order A-1042/);
    expect(await order.locator('.timeline li').count()).toBeGreaterThan(1);
    expect(await order.getByRole('link', { name: 'Track the parcel' }).getAttribute('href')).toMatch(/^https:/);
    await page.getByLabel('Signed in as').selectOption('cust_bob');
    await expect.poll(() => log().locator('.msg').count()).toBe(0);
    await page.getByLabel('Signed in as').selectOption('cust_alice');
    await log().getByText('Where is my order A-1042?').waitFor({ timeout: ANSWER_MS });
  });

  test('works with the keyboard only: open, ask, focus trapped, Escape closes', async () => {
    await page.goto(shop.url);
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await activeInWidget()).inner === 'BUTTON';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    expect(await activeInWidget()).toEqual({ host: true, inner: 'TEXTAREA' });
    await page.keyboard.type('How long does delivery to Norway take, and what does it cost?');
    await page.keyboard.press('Enter');
    await log().locator('.msg.assistant p').first().waitFor({ timeout: ANSWER_MS });
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect((await activeInWidget()).host).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect((await activeInWidget()).host).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
    expect(await activeInWidget()).toEqual({ host: true, inner: 'BUTTON' });
  });

  test('a reload keeps the conversation and shows its history', async () => {
    await openChat();
    await ask('Can I return a gift without the receipt?');
    await log().locator('.articles a').first().waitFor({ timeout: ANSWER_MS });
    await log().locator('.msg.assistant p').first().waitFor({ timeout: ANSWER_MS });
    await page.waitForTimeout(500); // let the turn finish and be stored
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await log().getByText('Can I return a gift without the receipt?').waitFor({ timeout: ANSWER_MS });
    expect(await log().locator('.articles a').count()).toBeGreaterThan(0);
  });

  test('hostile Markdown from the model is neutralised', async () => {
    const hostile = [
      'Hello <script>window.__pwned = 1</script> **bold**',
      '<img src=x onerror="window.__pwned = 2">',
      '[click me](javascript:window.__pwned=3) and [data](data:text/html,<script>alert(1)</script>)',
      '[safe link](https://shop.example/help) <a href="javascript:alert(1)">raw</a>',
    ].join('\n\n');
    // The model's output, as the host streams it: a faithful UI message stream on the wire.
    await answerWith([
      { type: 'start', messageId: 'msg_hostile' },
      { type: 'text-start', id: 't1' },
      ...(hostile.match(/.{1,7}/gs)?.map((delta) => ({ type: 'text-delta', id: 't1', delta })) ?? []),
      { type: 'text-end', id: 't1' },
      { type: 'finish', finishReason: 'stop' },
    ]);
    await openChat();
    await ask('hi');
    await log().getByText('safe link').waitFor({ timeout: ANSWER_MS });
    const found = await page.evaluate(() => {
      const root = document.querySelector('shopchat-widget')?.shadowRoot;
      const answer = root?.querySelector('.msg.assistant');
      return {
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        scripts: root?.querySelectorAll('script').length,
        imgs: answer?.querySelectorAll('img').length,
        hrefs: [...(answer?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href')),
        handlers: [...(answer?.querySelectorAll('*') ?? [])]
          .flatMap((el) => el.getAttributeNames())
          .filter((n) => n.startsWith('on')),
        text: answer?.textContent,
      };
    });
    expect(found.pwned).toBeUndefined();
    expect(found.scripts).toBe(0);
    expect(found.imgs).toBe(0);
    expect(found.handlers).toEqual([]);
    expect(found.hrefs).toEqual(['https://shop.example/help']);
    expect(found.text).toContain('<script>window.__pwned = 1</script>');
    expect(await log().locator('strong').textContent()).toBe('bold');
  });

  test('the approval card says what the reason says, and Confirm sends the AI SDK approval response', async () => {
    const bodies: { messages: { role: string; parts: Record<string, unknown>[] }[] }[] = [];
    await page.route('**/api/chat', (route) => {
      bodies.push(route.request().postDataJSON());
      const first = bodies.length === 1;
      return route.fulfill({
        status: 200,
        headers: SSE_HEADERS,
        body: uiMessageSse(
          first
            ? [
                { type: 'start', messageId: 'msg_a' },
                {
                  type: 'tool-input-available',
                  toolCallId: 'call_1',
                  toolName: 'cancel_order',
                  input: { order_number: 'A-1049' },
                },
                {
                  type: 'tool-approval-request',
                  approvalId: 'appr_1',
                  toolCallId: 'call_1',
                  reason: 'Cancel order A-1049 (€159.90); the payment is refunded in 3–5 days.',
                },
                { type: 'finish', finishReason: 'tool-calls' },
              ]
            : [
                { type: 'start', messageId: 'msg_a' },
                { type: 'tool-output-available', toolCallId: 'call_1', output: { cancelled: true } },
                { type: 'text-start', id: 't' },
                { type: 'text-delta', id: 't', delta: 'Order A-1049 is cancelled.' },
                { type: 'text-end', id: 't' },
                { type: 'finish', finishReason: 'stop' },
              ],
        ),
      });
    });
    await openChat();
    await ask('Cancel my last order');
    const card = log().getByRole('region', { name: 'Please confirm' });
    await card
      .getByText('Cancel order A-1049 (€159.90); the payment is refunded in 3–5 days.')
      .waitFor({ timeout: ANSWER_MS });
    await card.getByRole('button', { name: 'Confirm' }).click();
    await log().getByText('Order A-1049 is cancelled.').waitFor({ timeout: ANSWER_MS });
    const last = bodies[1]?.messages.at(-1);
    expect(last?.role).toBe('assistant');
    expect(last?.parts.find((p) => p.type === 'tool-cancel_order')).toEqual({
      type: 'tool-cancel_order',
      toolCallId: 'call_1',
      state: 'approval-responded',
      input: { order_number: 'A-1049' },
      approval: { id: 'appr_1', approved: true },
    });
  });

  test('tool icons on the activity line and the approval card: only inline SVG, https or same-origin', async () => {
    const svg = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"/></svg>')}`;
    await page.route('**/api/tools', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'access-control-allow-origin': '*' },
        json: {
          tools: [
            { name: 'search_products', icons: [{ src: 'javascript:alert(1)' }, { src: 'data:text/html,<b>x</b>' }] },
            { name: 'get_order', icons: [{ src: 'http://tracker.example/pixel.svg' }] },
            { name: 'cancel_order', icons: [{ src: svg, mimeType: 'image/svg+xml' }] },
          ],
        },
      }),
    );
    await answerWith([
      { type: 'start', messageId: 'msg_i' },
      { type: 'tool-input-available', toolCallId: 'c1', toolName: 'search_products', input: { query: 'boots' } },
      { type: 'tool-input-available', toolCallId: 'c2', toolName: 'get_order', input: { order_number: 'A-1049' } },
      {
        type: 'tool-input-available',
        toolCallId: 'c3',
        toolName: 'cancel_order',
        input: { order_number: 'A-1049' },
      },
      { type: 'tool-approval-request', approvalId: 'appr_i', toolCallId: 'c3', reason: 'Cancel order A-1049.' },
      { type: 'finish', finishReason: 'tool-calls' },
    ]);
    await openChat();
    await ask('Cancel A-1049');
    const card = log().getByRole('region', { name: 'Please confirm' });
    await card.getByText('Cancel order A-1049.').waitFor({ timeout: ANSWER_MS });
    await expect.poll(() => card.locator('img.tool-icon').getAttribute('src'), { timeout: ANSWER_MS }).toBe(svg);
    expect(await card.locator('img.tool-icon').getAttribute('alt')).toBe('');
    // The unsafe icons are not shown at all: the running lines carry only their words.
    const lines = log().locator('p.tool');
    expect(await lines.count()).toBe(2);
    expect(await log().locator('p.tool img').count()).toBe(0);
  });

  test('an axe-core scan of the open widget finds no serious or critical violations', async () => {
    await openChat();
    await ask('Do you have waterproof hiking boots in size 44 under 150 euros?');
    await log().locator('.card img').first().waitFor({ timeout: ANSWER_MS });
    await log().locator('.msg.assistant p').first().waitFor({ timeout: ANSWER_MS });
    const violations = await axeViolations(page, 'shopchat-widget');
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  test('goes full-screen under 480 px', async () => {
    await page.setViewportSize({ width: 400, height: 760 });
    await openChat();
    const box = await page.getByRole('dialog').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 400, height: 760 });
  });

  test('offline: a plain-language error and a retry that sends the message', async () => {
    await openChat();
    await context.setOffline(true);
    await ask('Is the rain jacket in medium in stock?');
    await page
      .getByRole('status')
      .filter({ hasText: /offline|reach/ })
      .first()
      .waitFor({ timeout: ANSWER_MS });
    await context.setOffline(false);
    await log().getByRole('button', { name: 'Try again' }).click();
    await log().locator('.msg.assistant').first().waitFor({ timeout: ANSWER_MS });
    expect(await log().getByRole('button', { name: 'Try again' }).count()).toBe(0);
  });
  test('closing after an answer asks for a rating once: it is sent, and never asked again after a reload', async () => {
    await openChat();
    await ask('How long does delivery to Norway take, and what does it cost?');
    await log().locator('.msg.assistant p').first().waitFor({ timeout: ANSWER_MS });
    // The turn has ended (Send is enabled again): the rating is asked only between turns.
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).isEnabled(), { timeout: ANSWER_MS }).toBe(true);
    await page.getByRole('button', { name: 'Close chat' }).click();
    const card = log().getByRole('region', { name: 'Rate this conversation' });
    await card.waitFor({ timeout: ANSWER_MS });
    expect(await page.getByRole('dialog').isVisible()).toBe(true);
    await card.getByRole('radio', { name: '4 stars' }).check();
    await card.getByRole('textbox', { name: 'Comment (optional)' }).fill('Clear answer');
    const sent = page.waitForResponse((r) => r.url().endsWith('/feedback') && r.request().method() === 'POST');
    await card.getByRole('button', { name: 'Send rating' }).click();
    const response = await sent;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toEqual({ rating: 4, comment: 'Clear answer' });
    await card.getByText('Thank you for your feedback!').waitFor();
    await page.getByRole('button', { name: 'Close chat' }).click();
    expect(await page.getByRole('dialog').isVisible()).toBe(false);

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await log().locator('.msg.assistant p').first().waitFor({ timeout: ANSWER_MS });
    await page.getByRole('button', { name: 'Close chat' }).click();
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
    expect(await log().getByRole('region', { name: 'Rate this conversation' }).count()).toBe(0);
  });
});
