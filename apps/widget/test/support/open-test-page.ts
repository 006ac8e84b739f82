import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/', import.meta.url));

interface TestHooks {
  task: { name: string; result?: { state?: string } };
  onTestFinished: (fn: () => Promise<void>) => void;
}

/**
 * A fresh browser context and page for one test (reduced motion); after the test and its hooks, a failure
 * leaves a full-page screenshot in `test-artifacts/` (a CI artifact), then the context closes.
 */
export async function openTestPage(browser: Browser, { task, onTestFinished }: TestHooks) {
  const context: BrowserContext = await browser.newContext({ reducedMotion: 'reduce' });
  const page: Page = await context.newPage();
  onTestFinished(async () => {
    if (task.result?.state === 'fail') {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page
        .screenshot({ path: `${ARTIFACTS}widget-${task.name.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true })
        .catch((error: unknown) => console.warn('no failure screenshot:', error));
    }
    await context.close();
  });
  return { context, page };
}
