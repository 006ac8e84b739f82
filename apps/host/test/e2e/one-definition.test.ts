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
import { DROPPED_TOOLS, type DroppedTool } from './support/dropped-tools.ts';
import { type RunningProduct, type ServiceName, startProduct, waitUntil } from './support/start-product.ts';

// "Adding a capability means writing one tool definition in the server that owns the data": for each of the
// three servers this test writes one new file into its tools folder, restarts only that server, and chats
// with the new tool through the real host and model-sim. No other file changes, and git status proves it.
// The docs tool needs nothing, the orders tool the signed-in customer, the products tool the repository.

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const fileOf = (tool: DroppedTool) => join(REPO_ROOT, tool.path);
/** Reconnect backoff after a restart can reach ~16 s before the host tries again; this is ample. */
const CATALOGUE_CHANGE_MS = 45_000;

let product: RunningProduct | undefined;
let host: RunningHost;
/** The tool files this test has written and not yet deleted: only those may it delete. */
const written = new Set<string>();

beforeAll(async () => {
  // Checked before any server starts, so a leftover file is never loaded, reported as ours or deleted.
  for (const tool of DROPPED_TOOLS) {
    if (existsSync(fileOf(tool))) {
      throw new Error(
        `${tool.path} already exists (left over from an interrupted run of this test?). This test writes that file itself and proves it is the only change: delete it and run again.`,
      );
    }
  }
  product = await startProduct();
  host = await product.startHost({ MCP_TOOLS_REFRESH_MS: '1000' });
}, 120_000);

afterAll(async () => {
  // Runs even when a test failed half-way: no file outlives the test.
  for (const file of written) await rm(file, { force: true });
  written.clear();
  await product?.stop();
}, 60_000);

const git = promisify(execFile);
/** Every changed or untracked path of the repository, one porcelain line each. */
async function gitStatus(): Promise<Set<string>> {
  const { stdout } = await git('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: REPO_ROOT });
  return new Set(stdout.split('\n').filter(Boolean));
}

async function restart(running: RunningProduct, server: ServiceName): Promise<void> {
  await running.stopService(server);
  await running.startService(server);
}

const offers = (tool: DroppedTool) => () =>
  host.catalogue.entries().some((e) => e.name === tool.name && e.server === tool.server && e.available);
/** The server is back with its original tools only. */
const backWithout = (tool: DroppedTool) => () => {
  const own = host.catalogue.entries().filter((e) => e.server === tool.server);
  return own.length > 0 && own.every((e) => e.available && e.name !== tool.name);
};

/** Waits for the host's catalogue; on timeout says where the server stands (a crash on restart, a backoff). */
async function catalogueShows(server: ServiceName, check: () => boolean, what: string): Promise<void> {
  try {
    await waitUntil(check, CATALOGUE_CHANGE_MS);
  } catch (error) {
    const state = host.catalogue.servers().find((candidate) => candidate.name === server);
    throw new Error(`the host's catalogue never showed ${what}; ${server} server: ${JSON.stringify(state)}`, {
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

async function ask(tool: DroppedTool, signedIn = tool.as !== undefined): Promise<TestChat> {
  const token = signedIn && tool.as ? (product as RunningProduct).tokens[tool.as] : undefined;
  const chat = new TestChat({ baseUrl: host.url, id: `one-definition-${randomUUID()}`, ...(token ? { token } : {}) });
  await chat.sendMessage({ text: tool.question });
  return chat;
}
type ToolPart = { type: string; state: string; output?: unknown; errorText?: string };
const toolParts = (chat: TestChat) => chat.toolParts as unknown as ToolPart[];
const toolCalls = (chat: TestChat) => toolParts(chat).map((part) => ({ type: part.type, state: part.state }));

/** What each new tool must have answered, beyond being called: proof it got what it needs. */
const EXPECTED_ANSWERS: Record<ServiceName, (chat: TestChat) => void> = {
  docs: (chat) => {
    expect(chat.lastAnswer).toMatch(/10:00–18:00/);
    expect(chat.lastAnswer).toMatch(/12:00–17:00/);
  },
  // The customer the host vouched for reached the handler, and the repository answered for her.
  orders: (chat) => {
    const output = toolParts(chat)[0]?.output as { customer_id?: string; delivered_orders?: number };
    expect(output).toMatchObject({ customer_id: 'cust_alice' });
    expect(output.delivered_orders).toBeGreaterThan(0);
    expect(chat.lastAnswer).toMatch(/Loyalty tier (Bronze|Silver|Gold): \d+ delivered orders/);
  },
  // Counted from the live catalogue through the repository.
  products: (chat) => {
    const output = toolParts(chat)[0]?.output as { products?: number; categories?: number };
    expect(output.products).toBeGreaterThan(0);
    expect(output.categories).toBeGreaterThan(0);
    expect(chat.lastAnswer).toMatch(/\d+ products in \d+ categories, \d+ in stock/);
  },
};

describe('one tool definition, proven on every server', () => {
  it('starts without the new tools, and their questions do not reach one', async () => {
    const names = (await listedTools()).map((listed) => listed.name);
    for (const tool of DROPPED_TOOLS) {
      expect(names).not.toContain(tool.name);
      const chat = await ask(tool);
      expect(chat.lastAnswer.length).toBeGreaterThan(0);
      expect(toolCalls(chat).map((call) => call.type)).not.toContain(`tool-${tool.name}`);
    }
  }, 120_000);

  it.each(DROPPED_TOOLS.map((tool) => [tool.server, tool] as const))(
    'serves a tool added to %s as one new file after restarting only that server',
    async (server, tool) => {
      const running = product as RunningProduct;
      const file = fileOf(tool);
      const before = await gitStatus();
      await writeFile(file, tool.source, { flag: 'wx' });
      written.add(file);
      const after = await gitStatus();
      expect([...after].filter((line) => !before.has(line))).toEqual([`?? ${tool.path}`]);
      expect([...before].filter((line) => !after.has(line))).toEqual([]);

      try {
        await restart(running, server);
        await catalogueShows(server, offers(tool), tool.name);
        const listed = (await listedTools()).find((candidate) => candidate.name === tool.name);
        expect(listed).toMatchObject({ server, annotations: { readOnlyHint: true, destructiveHint: false } });

        const chat = await ask(tool);
        expect(toolCalls(chat)).toEqual([{ type: `tool-${tool.name}`, state: 'output-available' }]);
        EXPECTED_ANSWERS[server](chat);
        if (tool.as) {
          // Without a sign-in the kit refuses before the handler runs: nothing of the customer's comes back.
          const anonymous = await ask(tool, false);
          expect(anonymous.lastAnswer).toMatch(/sign in/i);
          expect(JSON.stringify(anonymous.messages)).not.toMatch(/Loyalty tier|cust_alice/);
        }
      } finally {
        // The original server again, for whatever runs next against this product.
        await rm(file, { force: true });
        written.delete(file);
        await restart(running, server);
      }
      await catalogueShows(server, backWithout(tool), `the ${server} tools without ${tool.name}`);
      expect((await listedTools()).map((listed) => listed.name)).not.toContain(tool.name);
      expect(await gitStatus()).not.toContain(`?? ${tool.path}`);
    },
    180_000,
  );
});
