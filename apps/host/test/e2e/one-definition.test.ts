import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHost } from '../../src/start-host.ts';
import { TestChat } from '../chat/support/test-chat.ts';
import { type RunningProduct, startProduct, waitUntil } from './support/start-product.ts';

// "Adding a capability means writing one tool definition in the server that owns the data": this test
// writes one new file into the docs server's tools folder, restarts only that server, and chats with the
// new tool through the real host and model-sim. No other file changes, and git status proves it.

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const TOOL_PATH = 'services/docs/src/tools/store-hours.tool.ts';
const TOOL_FILE = join(REPO_ROOT, TOOL_PATH);
const QUESTION = 'What are your store opening hours?';
/** Reconnect backoff after a restart can reach ~16 s before the host tries again; this is ample. */
const CATALOGUE_CHANGE_MS = 45_000;

/** The whole change a developer makes: one tool definition, in one new file. */
const STORE_HOURS_TOOL = `import { defineTool, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';

const week = z.object({
  monday_to_friday: z.string().describe('HH:MM–HH:MM, Amsterdam time, or "closed".'),
  saturday: z.string(),
  sunday: z.string(),
});

export default defineTool({
  name: 'store_hours',
  title: 'Store and support opening hours',
  description:
    "Opening hours of Northwind Outfitters' Amsterdam store and of human customer support (email and phone), by day of the week, in Amsterdam time. Use it when a customer asks when the store or support is open.",
  input: z.strictObject({}),
  output: z.object({ title: z.string(), summary: z.string(), store: week, customer_support: week }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  needsCustomer: false,
  handler: async () => {
    const summary =
      'Amsterdam store: Monday to Saturday 10:00–18:00, Sunday 12:00–17:00. Customer support: Monday to Friday 09:00–18:00 (Amsterdam time).';
    return toolResult(
      {
        title: 'Opening hours',
        summary,
        store: { monday_to_friday: '10:00–18:00', saturday: '10:00–18:00', sunday: '12:00–17:00' },
        customer_support: { monday_to_friday: '09:00–18:00', saturday: 'closed', sunday: 'closed' },
      },
      summary,
    );
  },
});
`;

let product: RunningProduct | undefined;
let host: RunningHost;
/** Set once this test has written the tool file: only then may it delete it. */
let wroteToolFile = false;

beforeAll(async () => {
  // Checked before any server starts, so a leftover file is never loaded, reported as ours or deleted.
  if (existsSync(TOOL_FILE)) {
    throw new Error(
      `${TOOL_PATH} already exists (left over from an interrupted run of this test?). This test writes that file itself and proves it is the only change: delete it and run again.`,
    );
  }
  product = await startProduct();
  host = await product.startHost({ MCP_TOOLS_REFRESH_MS: '1000' });
}, 120_000);

afterAll(async () => {
  // Runs even when a test failed half-way: the file must never outlive the test.
  if (wroteToolFile) await rm(TOOL_FILE, { force: true });
  await product?.stop();
}, 60_000);

const git = promisify(execFile);
/** Every changed or untracked path of the repository, one porcelain line each. */
async function gitStatus(): Promise<Set<string>> {
  const { stdout } = await git('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: REPO_ROOT });
  return new Set(stdout.split('\n').filter(Boolean));
}

async function restartDocs(running: RunningProduct): Promise<void> {
  await running.stopService('docs');
  await running.startService('docs');
}

const offersStoreHours = () => host.catalogue.entries().some((e) => e.name === 'store_hours' && e.available);
/** The docs server is back with its original tools only. */
const docsBackWithoutStoreHours = () => {
  const docs = host.catalogue.entries().filter((e) => e.server === 'docs');
  return docs.length > 0 && docs.every((e) => e.available && e.name !== 'store_hours');
};

/** Waits for the host's catalogue; on timeout says where the docs server stands (a crash on restart, a backoff). */
async function catalogueShows(check: () => boolean, what: string): Promise<void> {
  try {
    await waitUntil(check, CATALOGUE_CHANGE_MS);
  } catch (error) {
    const docs = host.catalogue.servers().find((server) => server.name === 'docs');
    throw new Error(`the host's catalogue never showed ${what}; docs server: ${JSON.stringify(docs)}`, {
      cause: error,
    });
  }
}

type ApiTool = { server: string; name: string; annotations: Record<string, unknown> };
/** The public tool list, `GET /api/tools`. */
async function listedTools(): Promise<ApiTool[]> {
  const response = await fetch(`${host.url}/api/tools`);
  return ((await response.json()) as { tools: ApiTool[] }).tools;
}

async function ask(question: string): Promise<TestChat> {
  const chat = new TestChat({ baseUrl: host.url, id: `one-definition-${randomUUID()}` });
  await chat.sendMessage({ text: question });
  return chat;
}
const toolCalls = (chat: TestChat) => chat.toolParts.map((part) => ({ type: part.type, state: part.state }));

describe('one tool definition, proven', () => {
  it('starts without a store_hours tool, and the question does not reach one', async () => {
    expect((await listedTools()).map((tool) => tool.name)).not.toContain('store_hours');
    const chat = await ask(QUESTION);
    expect(chat.lastAnswer.length).toBeGreaterThan(0);
    expect(toolCalls(chat).map((call) => call.type)).not.toContain('tool-store_hours');
  });

  it('serves a tool added as one new file after restarting only the docs server', async () => {
    const running = product as RunningProduct;
    const before = await gitStatus();
    await writeFile(TOOL_FILE, STORE_HOURS_TOOL, { flag: 'wx' });
    wroteToolFile = true;
    const after = await gitStatus();
    expect([...after].filter((line) => !before.has(line))).toEqual([`?? ${TOOL_PATH}`]);
    expect([...before].filter((line) => !after.has(line))).toEqual([]);

    try {
      await restartDocs(running);
      await catalogueShows(offersStoreHours, 'store_hours');
      const listed = (await listedTools()).find((tool) => tool.name === 'store_hours');
      expect(listed).toMatchObject({ server: 'docs', annotations: { readOnlyHint: true, destructiveHint: false } });

      const chat = await ask(QUESTION);
      expect(toolCalls(chat)).toEqual([{ type: 'tool-store_hours', state: 'output-available' }]);
      expect(chat.lastAnswer).toMatch(/10:00–18:00/);
      expect(chat.lastAnswer).toMatch(/12:00–17:00/);
    } finally {
      // The original server again, for whatever runs next against this product.
      await rm(TOOL_FILE, { force: true });
      wroteToolFile = false;
      await restartDocs(running);
    }
    await catalogueShows(docsBackWithoutStoreHours, 'the docs tools without store_hours');
    expect((await listedTools()).map((tool) => tool.name)).not.toContain('store_hours');
    expect(await gitStatus()).not.toContain(`?? ${TOOL_PATH}`);
  }, 180_000);
});
