import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./support/stdio-fixture.ts', import.meta.url));
let client: Client | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
});

async function connect(env: Record<string, string> = {}) {
  client = new Client({ name: 'stdio-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [fixture],
      env: { PATH: process.env.PATH ?? '', ...env },
      stderr: 'ignore',
    }),
  );
  return client;
}

describe('the same tools over stdio', () => {
  it('lists and calls the tools a desktop MCP client would see', async () => {
    const stdio = await connect();
    const { tools } = await stdio.listTools();
    expect(tools.map((t) => t.name)).toContain('echo');
    expect(await stdio.callTool({ name: 'echo', arguments: { text: 'over stdio' } })).toMatchObject({
      structuredContent: { text: 'over stdio' },
    });
  });

  it('acts for the developer’s chosen local customer, or anonymously', async () => {
    const anonymous = await connect();
    expect((await anonymous.callTool({ name: 'who_am_i', arguments: {} })).isError).toBe(true);
    await anonymous.close();
    const alice = await connect({ MCP_STDIO_CUSTOMER: 'cust_alice' });
    expect((await alice.callTool({ name: 'who_am_i', arguments: {} })).structuredContent).toEqual({
      customerId: 'cust_alice',
    });
  });
});
