import { mintStaffToken } from '@shopchat/host';
import type { RunningHostProcess } from '@shopchat/product-harness';
import { buildConsole } from '@shopchat/product-harness/apps';
import { chromiumAvailable, launchChromium } from '@shopchat/product-harness/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// The deployment's shape (API replicas and a worker on one Redis) and the widget's demo shop: the suites of the
// host and the widget own them; this test puts the two apps side by side on them.
import { type ScaleOutProduct, startScaleOutProduct } from '../../host/test/scale-out/support/scale-out-product.ts';
import { buildWidget, DEMO_PAGE, WIDGET_JS } from '../../widget/test/support/build-widget.ts';
import { type DemoShop, serveDemoShop } from '../../widget/test/support/serve-demo-shop.ts';

const CONSOLE_SECRET = 'console-side-by-side-secret-0123456789abcdef';
// Generous: this runs beside other suites on two cores, and a turn there can take seconds.
const ANSWER_MS = 45_000;

/**
 * The hand-off as a shop runs it: the customer's widget (through the demo shop, on API replica A) and an
 * agent's console (on API replica B) open side by side in one Chromium, a worker running the turns, all on
 * one Redis. Every live event crosses replicas.
 */
describe.skipIf(!chromiumAvailable())('hand-off: widget and console side by side', { timeout: 240_000 }, () => {
  let p: ScaleOutProduct;
  let apiA: RunningHostProcess;
  let apiB: RunningHostProcess;
  let shop: DemoShop;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    buildWidget();
    buildConsole();
    p = await startScaleOutProduct({ ttftMs: 20, tokensPerSecond: 2000 });
    const env = { CONSOLE_JWT_SECRET: CONSOLE_SECRET, CHAT_TURNS_PER_MINUTE: '1000' };
    // The worker first: an API is ready once it lists the tools the workers publish.
    await p.host('worker', env);
    [apiA, apiB] = await Promise.all([p.host('api', env), p.host('api', env)]);
    shop = await serveDemoShop({
      widgetPath: WIDGET_JS,
      demoPagePath: DEMO_PAGE,
      hostUrl: () => apiA.url,
      imagesUrl: () => `http://127.0.0.1:${p.product.ports.products}`,
      tokens: () => p.product.tokens,
    });
    browser = await launchChromium();
    context = await browser.newContext({ reducedMotion: 'reduce' });
    await context.addInitScript(() => localStorage.setItem('shopchat-demo:customer', 'cust_alice'));
  }, 480_000); // the whole product as processes, on a loaded two-core machine

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await shop?.close();
    await p?.close();
  });

  test('asks for a person in the widget, the agent claims and replies in the console, hands back; a reply sent during a reload still shows', async () => {
    const [customer, agent] = [await context.newPage(), await context.newPage()];
    const log = () => customer.getByRole('log');
    const ask = async (text: string) => {
      await customer.getByRole('textbox', { name: 'Message' }).fill(text);
      await customer.getByRole('textbox', { name: 'Message' }).press('Enter');
    };

    // The agent signs in to the console on replica B and opens the queue (so someone is on duty).
    await agent.goto(`${apiB.url}/console/`);
    await agent
      .getByLabel('Staff token')
      .fill(await mintStaffToken({ secret: CONSOLE_SECRET, staff: { staffId: 'staff_dana', role: 'agent' } }));
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('link', { name: 'Queue' }).click();
    await agent.getByText('Nobody is waiting for a person.').waitFor();

    // The customer asks for a person in the widget (replica A; the worker runs the turn).
    await customer.goto(shop.url);
    await customer.getByRole('button', { name: 'Open chat' }).click();
    await ask('I want to talk to a person');
    await log().locator('[data-handoff-event="waiting"]').waitFor({ timeout: ANSWER_MS });

    // The console's queue shows it live, with the bot's summary.
    const item = agent.getByRole('button', { name: /^cust_alice — waiting since/ });
    await item.waitFor({ timeout: 10_000 });
    await item.click();
    await agent.getByRole('heading', { level: 2, name: 'cust_alice' }).waitFor();
    expect(await agent.locator('.summary').textContent()).toContain('I want to talk to a person');
    await agent.getByRole('button', { name: 'Claim' }).click();
    await log().getByText('Dana from our team has joined the chat.').waitFor({ timeout: 10_000 });

    // The agent's reply reaches the widget, named.
    const reply = agent.getByLabel('Reply to the customer');
    await reply.fill('Hi, I am Dana. I can help with that.');
    await agent.getByRole('button', { name: 'Send' }).click();
    const fromDana = log().locator('[data-author="agent"]');
    await fromDana.first().waitFor({ timeout: 10_000 });
    expect(await fromDana.first().locator('.author').textContent()).toBe('Dana (from our team): ');
    expect(await fromDana.first().textContent()).toContain('Hi, I am Dana. I can help with that.');

    // The customer writes; the agent sees it in the open transcript.
    await ask('My parcel arrived damaged.');
    await agent.locator('ol.transcript li').getByText('My parcel arrived damaged.').waitFor({ timeout: 10_000 });

    // A reply sent while the customer's browser reloads (its live stream is gone) still shows after it.
    const reloaded = customer.reload();
    await reply.fill('A replacement leaves today.');
    await agent.getByRole('button', { name: 'Send' }).click();
    await reloaded;
    await customer.getByRole('button', { name: 'Open chat' }).click();
    await log().locator('[data-author="agent"]').getByText('A replacement leaves today.').waitFor({ timeout: 10_000 });
    expect(await log().locator('[data-author="agent"]').count()).toBe(2);

    // Back to the bot: the widget says so, and the bot answers the next question.
    await agent.getByRole('button', { name: 'Return to the assistant' }).click();
    await log()
      .locator('[data-handoff-event="left"]')
      .getByText('Dana has left the chat; the assistant is back.')
      .waitFor({ timeout: 10_000 });
    await agent.getByText('Nobody is waiting for a person.').waitFor();
    await ask('Where is my order A-1042?');
    await log().locator('[data-author="bot"] .order').waitFor({ timeout: ANSWER_MS });
  });
});
