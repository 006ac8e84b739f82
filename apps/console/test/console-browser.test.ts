import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mintStaffToken } from '@shopchat/host';
import { type ProductProcesses, type RunningHostProcess, startProductProcesses } from '@shopchat/product-harness';
import { buildConsole } from '@shopchat/product-harness/apps';
import { axeViolations } from '@shopchat/product-harness/axe';
import { chromiumAvailable, launchChromium } from '@shopchat/product-harness/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { chatOverHttp } from './support/chat-over-http.ts';

const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const CONSOLE_SECRET = 'console-browser-test-secret-0123456789abcdef';

// One host for the file, with three real conversations on record (model-sim, the real MCP servers):
// Alice tracks an order and rates it, Alice cancels an order after approving it, Bob searches products.
describe.skipIf(!chromiumAvailable())('staff console in Chromium against the real host', { timeout: 60_000 }, () => {
  let product: ProductProcesses;
  let host: RunningHostProcess;
  let browser: Browser;
  let page: Page;
  let staffToken: string;
  const conversations = { track: '', cancel: '', search: '' };

  beforeAll(async () => {
    buildConsole();
    product = await startProductProcesses();
    // Spans to the host's stdout (which the harness drops): turns then carry trace ids into the record.
    host = await product.startHost({
      CONSOLE_JWT_SECRET: CONSOLE_SECRET,
      CHAT_TURNS_PER_MINUTE: '1000',
      OTEL_TRACES_EXPORTER: 'console',
    });
    staffToken = await mintStaffToken({ secret: CONSOLE_SECRET });

    const track = chatOverHttp(host.url, product.tokens.cust_alice);
    await track.say('Where is my order A-1042?');
    expect(await track.rate(5, 'Quick and clear')).toBe(201);
    const cancel = chatOverHttp(host.url, product.tokens.cust_alice);
    await cancel.say('Please cancel my order A-1049');
    await cancel.answerApproval(true);
    const search = chatOverHttp(host.url, product.tokens.cust_bob);
    await search.say('Do you have waterproof hiking boots in size 44 under 150 euros?');
    Object.assign(conversations, { track: track.id, cancel: cancel.id, search: search.id });
    // The record is written behind the turns: wait until the console API lists all three.
    await vi.waitFor(
      async () => {
        const response = await fetch(`${host.url}/api/console/conversations`, {
          headers: { authorization: `Bearer ${staffToken}` },
        });
        expect(((await response.json()) as { conversations: unknown[] }).conversations).toHaveLength(3);
      },
      { timeout: 20_000, interval: 200 },
    );
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  beforeEach(async ({ task, onTestFinished }) => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const own = await context.newPage();
    page = own;
    onTestFinished(async () => {
      if (task.result?.state === 'fail') {
        mkdirSync(ARTIFACTS, { recursive: true });
        await own
          .screenshot({ path: `${ARTIFACTS}console-${task.name.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true })
          .catch((error: unknown) => console.warn('no failure screenshot:', error));
      }
      await context.close();
    });
  });

  const signIn = async (token = staffToken) => {
    await page.goto(`${host.url}/console/`);
    await page.getByLabel('Staff token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  const rows = () => page.locator('table.conversations tbody tr');
  const expectAxeClean = async () => expect(await axeViolations(page)).toEqual([]);

  test('refuses an expired and a wrong token with the reason, then signs in with a good one', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await signIn(await mintStaffToken({ secret: CONSOLE_SECRET, ttlSeconds: -60 }));
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/refused: .*expired/);
    await expectAxeClean();
    await signIn(await mintStaffToken({ secret: 'another-secret-another-secret-0123456789' }));
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/refused: .*not valid/);
    await signIn();
    await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
    expect(await rows().count()).toBe(3);
    expect(await page.getByRole('navigation', { name: 'Console' }).textContent()).toContain('staff_dana (admin)');
    // Nothing the host's CSP blocked (an inline script or style would show up here), no script error.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  test('lists newest first, filters by customer and finds words in the messages; axe finds nothing', async () => {
    await signIn();
    await rows().first().waitFor();
    const customers = await rows().locator('td:nth-child(2)').allTextContents();
    expect(customers).toEqual(['cust_bob', 'cust_alice', 'cust_alice']);
    expect(await rows().nth(2).locator('td:nth-child(7)').textContent()).toBe('5 / 5');
    await expectAxeClean();

    await page.getByLabel('Customer id').fill('cust_alice');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => rows().count()).toBe(2);
    expect(page.url()).toContain('customer=cust_alice');

    await page.getByLabel('Words in the messages').fill('A-1049');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().locator('td:nth-child(6)').textContent()).toContain('cancel_order');
  });
  test('the transcript shows the tool call, the approval and its answer, the model calls and the trace id', async () => {
    await signIn();
    await rows().first().waitFor();
    await page.goto(`${host.url}/console/#/conversations/${conversations.cancel}`);
    const call = page.getByRole('region', { name: 'Tool call: cancel_order' });
    await call.waitFor();
    expect(await call.locator('.tool').textContent()).toMatch(/cancel_order on orders — succeeded/);
    expect(await call.getByLabel('Arguments').textContent()).toContain('A-1049');
    const approval = call.getByRole('region', { name: 'Approval' });
    expect(await approval.textContent()).toMatch(/Cancel order A-1049: \d+ items?, €[\d.,]+.*Confirmed by cust_alice/);
    expect(await page.locator('.msg.user').first().textContent()).toContain('Please cancel my order A-1049');
    expect(await page.locator('.model-calls li').first().textContent()).toMatch(/\d+ \/ \d+ \/ \d+ tokens, \$\d/);
    expect(await page.locator('table.turns code').first().textContent()).toMatch(/^[0-9a-f]{32}$/);
    await expectAxeClean();
  });

  test('the metrics page draws its charts from the week on record', async () => {
    await signIn();
    await rows().first().waitFor();
    await page.getByRole('link', { name: 'Metrics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Metrics' }).waitFor();
    expect(await page.getByRole('list', { name: 'This week' }).textContent()).toMatch(
      /3Conversations.*5\.00 \/ 5 \(1\)CSAT/,
    );
    expect(await page.locator('figure.chart canvas').count()).toBe(7);
    // Every chart has drawn something: its canvas is no longer blank.
    await expect
      .poll(() =>
        page.locator('figure.chart canvas').evaluateAll((canvases) =>
          canvases.every((canvas) => {
            const c = canvas as HTMLCanvasElement;
            const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
            return c.width > 0 && Array.prototype.some.call(pixels, (value: number) => value !== 0);
          }),
        ),
      )
      .toBe(true);
    await page.getByText('Tool error rate by tool: the numbers').click();
    expect(await page.getByRole('row', { name: /orders\/cancel_order/ }).textContent()).toContain('0.0 %');
    await expectAxeClean();
  });

  test('works with the keyboard only: tab to the list, open a transcript with Enter, go back', async () => {
    await signIn();
    await rows().first().waitFor();
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    const firstRowLink = (await rows().first().getByRole('link').textContent()) ?? '';
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focusedText()) === firstRowLink;
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Conversation with cust_bob' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedText()).toBe('← All conversations');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
    expect(await rows().count()).toBe(3);
  });
});
