import { randomBytes } from 'node:crypto';
import { mintDemoCustomerTokens, mintStaffToken, type RunningHost, startHost } from '@shopchat/host';
import { generateIdentityKeyPair } from '@shopchat/mcp-service';
import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { buildConsole } from '@shopchat/product-harness/apps';
import { chromiumAvailable, launchChromium } from '@shopchat/product-harness/chromium';
import { type DemoShop, serveDemoShop } from '@shopchat/product-harness/demo-shop';
// The widget's demo shop (what the host serves a shop's page, in front of a host): the widget's suite owns it.
import { buildWidget, DEMO_PAGE, WIDGET_JS } from '@shopchat/product-harness/widget';
import pino from 'pino';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const CONSOLE_SECRET = 'console-side-by-side-secret-0123456789abcdef';
// Generous: this runs beside other suites on two cores, and a turn there can take seconds.
const ANSWER_MS = 45_000;

const redisUp = await redisAvailable('hand-off side by side');

/**
 * The hand-off as a shop runs it: the customer's widget (through the demo shop, on API replica A) and an
 * agent's console (on API replica B) open side by side in one Chromium, a worker running the turns, all on
 * one Redis. Every live event crosses replicas. The three hosts run in this process, each its own host sharing
 * nothing but Redis (as replicas do), with model-sim and no MCP server: the hand-off tool is the host's own, and
 * the MCP servers' start on a loaded two-core machine (minutes) is not what this test is about.
 */
describe.skipIf(!chromiumAvailable() || !redisUp)(
  'hand-off: widget and console side by side',
  { timeout: 240_000 },
  () => {
    const prefix = uniquePrefix();
    const hosts: RunningHost[] = [];
    let sim: RunningModelSim;
    let apiA: RunningHost;
    let apiB: RunningHost;
    let shop: DemoShop;
    let browser: Browser;
    let context: BrowserContext;

    beforeAll(async () => {
      buildWidget();
      buildConsole();
      sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
      const customerSecret = randomBytes(32).toString('hex');
      const tokens = await mintDemoCustomerTokens(customerSecret);
      const env = {
        PORT: '0',
        METRICS_PORT: '0',
        LOG_LEVEL: 'silent',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        TURN_JOB_SECRET: randomBytes(32).toString('hex'),
        // Nobody listens there: no shop tools, and none needed for a hand-off.
        MCP_SERVERS: 'orders=http://127.0.0.1:9/mcp',
        ANTHROPIC_BASE_URL: sim.url,
      };
      const api = { ...env, CUSTOMER_JWT_SECRET: customerSecret, CONSOLE_JWT_SECRET: CONSOLE_SECRET };
      const start = async (role: 'api' | 'worker', roleEnv: Record<string, string>) => {
        const host = await startHost(roleEnv, role);
        hosts.push(host);
        return host;
      };
      await start('worker', { ...env, MCP_IDENTITY_PRIVATE_KEY: (await generateIdentityKeyPair()).privateKey });
      apiA = await start('api', api);
      apiB = await start('api', api);
      shop = await serveDemoShop({
        widgetPath: WIDGET_JS,
        demoPagePath: DEMO_PAGE,
        hostUrl: () => apiA.url,
        imagesUrl: () => 'http://127.0.0.1:9',
        tokens: () => tokens,
      });
      browser = await launchChromium();
      context = await browser.newContext({ reducedMotion: 'reduce' });
      await context.addInitScript(() => localStorage.setItem('shopchat-demo:customer', 'cust_alice'));
    }, 240_000);

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await shop?.close();
      for (const host of hosts.reverse()) await host.stop();
      await sim?.stop();
      await dropPrefix(prefix);
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
      await log()
        .locator('[data-author="agent"]')
        .getByText('A replacement leaves today.')
        .waitFor({ timeout: 10_000 });
      expect(await log().locator('[data-author="agent"]').count()).toBe(2);

      // Back to the bot: the widget says so, and the bot answers the next question.
      await agent.getByRole('button', { name: 'Return to the assistant' }).click();
      await log()
        .locator('[data-handoff-event="left"]')
        .getByText('Dana has left the chat; the assistant is back.')
        .waitFor({ timeout: 10_000 });
      await agent.getByText('Nobody is waiting for a person.').waitFor();
      const botAnswers = await log().locator('[data-author="bot"]').count();
      await ask('Can you recommend hiking boots?');
      await expect
        .poll(() => log().locator('[data-author="bot"]').count(), { timeout: ANSWER_MS })
        .toBe(botAnswers + 1);
      expect((await log().locator('[data-author="bot"]').last().textContent())?.trim()).not.toBe('');
    });
  },
);
