import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromiumAvailable, launchChromium } from '@shopchat/product-harness/chromium';
import { buildWidget } from '@shopchat/product-harness/widget';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EdgeHost, startEdgeHost } from './support/start-edge-host.ts';

/**
 * Collects the CSP violations a page reports, from its first script on (page-side code as text: the host's
 * TypeScript has no DOM types).
 */
const RECORD_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations = [...(window.cspViolations ?? []), event.violatedDirective + ' ' + event.blockedURI];
});`;

describe.skipIf(!chromiumAvailable())('the widget and the demo page under the host’s headers, in Chromium', () => {
  let host: EdgeHost;
  let browser: Browser;
  // A shop on another site (localhost, where the host is 127.0.0.1) embedding the host's widget script.
  let shop: Server;
  let shopUrl: string;
  beforeAll(async () => {
    buildWidget();
    shop = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><title>A shop</title><script src="${host.url}/widget.js"></script>`);
    }).listen(0, '127.0.0.1');
    await once(shop, 'listening');
    shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}`;
    host = await startEdgeHost({ api: { corsAllowedOrigins: [shopUrl] } });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    shop?.closeAllConnections();
    shop?.close();
  });

  it('runs the demo page and a chat turn with no CSP violation', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Cross-Origin/i.test(message.text())) console.push(message.text());
    });
    await page.addInitScript({ content: RECORD_VIOLATIONS });
    const response = await page.goto(host.url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'sha256-");
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('Where is my parcel?');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await page.getByRole('log').getByText('You said: Where is my parcel?').waitFor({ timeout: 30_000 });
    const caught = (await page.evaluate('window.cspViolations ?? []')) as string[];
    expect([...console, ...caught]).toEqual([]);
    await page.close();
  });

  it('lets a shop on another origin embed /widget.js and chat through CORS', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Cross-Origin|CORS/i.test(message.text())) console.push(message.text());
    });
    await page.goto(shopUrl);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('hello from the shop');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await page.getByRole('log').getByText('You said: hello from the shop').waitFor({ timeout: 30_000 });
    expect(console).toEqual([]);
    await page.close();
  });

  it('cannot be framed by another page', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await page.route('http://evil.test/', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><iframe src="${host.url}/"></iframe>` }),
    );
    await page.goto('http://evil.test/');
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // The frame exists but the host's page never rendered in it (blocked by frame-ancestors / X-Frame-Options).
    const title = await frame?.evaluate('document.title').catch(() => '');
    expect(title).not.toContain('Northwind');
    await page.close();
  });
});
