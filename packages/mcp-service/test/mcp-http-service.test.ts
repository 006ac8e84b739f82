import { request } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_TOKEN_META_KEY, ERROR_CODE_META_KEY } from '../src/index.ts';
import { createTestIdentity, startTestService, type TestIdentity, type TestService } from '../src/testing/index.ts';
import { fixtureTools } from './support/fixture-tools.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

let identity: TestIdentity;
let svc: TestService;
let client: Client;

beforeAll(async () => {
  identity = await createTestIdentity();
  svc = await startTestService({
    name: 'fixture',
    version: '1.2.3',
    tools: fixtureTools,
    settings: { identityPublicKey: identity.publicKey },
  });
  client = new Client({ name: 'kit-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(svc.url)));
});

afterAll(async () => {
  await client?.close();
  await svc?.stop();
});

function errorCode(result: { _meta?: Record<string, unknown> }) {
  return result._meta?.[ERROR_CODE_META_KEY];
}

describe('MCP over Streamable HTTP with the official SDK client', () => {
  it('initializes and lists tools with schemas and annotations', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'fixture', version: '1.2.3' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['echo', 'who_am_i', 'explode', 'slow', 'lies', 'refuse']);
    expect(tools.find((t) => t.name === 'refuse')?.annotations).toMatchObject({ destructiveHint: true });
  });

  it('returns structuredContent plus a readable text block', async () => {
    const result = await client.callTool({ name: 'echo', arguments: { text: 'hello' } });
    expect(result).toMatchObject({ structuredContent: { text: 'hello' }, content: [{ type: 'text', text: 'hello' }] });
    expect(result.isError).toBeFalsy();
  });

  it('names the field and the problem for invalid arguments', async () => {
    const wrongType = await client.callTool({ name: 'echo', arguments: { text: 42 } });
    expect(wrongType.isError).toBe(true);
    expect(wrongType.content).toEqual([
      { type: 'text', text: expect.stringMatching(/^Invalid arguments: text: .*string/) },
    ]);
    const unknownField = await client.callTool({ name: 'echo', arguments: { text: 'a', admin: true } });
    expect(JSON.stringify(unknownField.content)).toMatch(/unknown field\(s\) admin/);
    const range = await client.callTool({ name: 'refuse', arguments: { count: 99 } });
    expect(JSON.stringify(range.content)).toMatch(/count: Too big/);
  });

  it('answers an unknown tool with a JSON-RPC error', async () => {
    await expect(client.callTool({ name: 'drop_tables', arguments: {} })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringMatching(/Unknown tool: drop_tables/),
    });
  });

  it('hides a handler failure behind a safe message', async () => {
    const result = await client.callTool({ name: 'explode', arguments: {} });
    expect(result.isError).toBe(true);
    expect(errorCode(result)).toBe('internal_error');
    expect(JSON.stringify(result)).not.toMatch(/hunter2|postgres:|stack|\.ts:/);
  });

  it('stops a handler at its timeout and says so', async () => {
    const result = await client.callTool({ name: 'slow', arguments: {} });
    expect(result.isError).toBe(true);
    expect(errorCode(result)).toBe('timeout');
  });

  it('never sends output that breaks the tool’s own schema', async () => {
    const result = await client.callTool({ name: 'lies', arguments: {} });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
  });

  it('passes domain failures to the model as isError data', async () => {
    const result = await client.callTool({ name: 'refuse', arguments: { count: 1 } });
    expect(result).toMatchObject({ isError: true, content: [{ text: 'That cannot be done in this state.' }] });
    expect(errorCode(result)).toBe('not_allowed');
  });
});

describe('customer identity on tool calls', () => {
  it('asks anonymous callers to sign in for customer tools', async () => {
    const result = await client.callTool({ name: 'who_am_i', arguments: {} });
    expect(errorCode(result)).toBe('sign_in_required');
    expect(JSON.stringify(result.content)).toMatch(/sign in/i);
  });

  it('gives the handler the customer the host vouched for', async () => {
    const token = await identity.signer.sign('cust_bob', 'fixture');
    const result = await client.callTool({
      name: 'who_am_i',
      arguments: {},
      _meta: { [CUSTOMER_TOKEN_META_KEY]: token },
    });
    expect(result.structuredContent).toEqual({ customerId: 'cust_bob' });
  });

  it.each([
    ['wrong audience', () => identity.signer.sign('cust_bob', 'orders')],
    ['forged', async () => (await createTestIdentity()).signer.sign('cust_bob', 'fixture')],
    [
      'expired',
      () => identity.signRaw({ sub: 'cust_bob', aud: 'fixture', iss: 'shopchat-host' }, { issuedAt: 1, expiresAt: 2 }),
    ],
  ])('refuses a %s token even for public tools', async (_label, mint) => {
    const token = await mint();
    for (const name of ['who_am_i', 'echo']) {
      const result = await client.callTool({
        name,
        arguments: name === 'echo' ? { text: 'x' } : {},
        _meta: { [CUSTOMER_TOKEN_META_KEY]: token },
      });
      expect(result.isError).toBe(true);
      expect(errorCode(result)).toBe('identity_invalid');
      expect(result.structuredContent).toBeUndefined();
    }
  });
});

describe('stateless HTTP behaviour', () => {
  it('serves a bare tools/call POST without a prior initialize', async () => {
    const response = await postMcp(svc.url, callToolMessage('echo', { text: 'bare' }, undefined, 'abc'));
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ jsonrpc: '2.0', id: 'abc', result: { structuredContent: { text: 'bare' } } });
    expect(response.headers.get('mcp-session-id')).toBeNull();
  });

  it('answers ping', async () => {
    const response = await postMcp(svc.url, { jsonrpc: '2.0', id: 7, method: 'ping' });
    expect(response.json).toEqual({ jsonrpc: '2.0', id: 7, result: {} });
  });

  it('accepts notifications with 202 and no body', async () => {
    const response = await postMcp(svc.url, { jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(response.status).toBe(202);
    expect(response.text).toBe('');
  });

  it.each([
    ['invalid JSON', '{"jsonrpc":', {}, 400, -32700],
    ['a batch', [callToolMessage('echo', { text: 'a' })], {}, 400, -32600],
    ['a non-JSON-RPC body', { hello: 'world' }, {}, 400, -32600],
    ['the wrong media type', 'x', { 'content-type': 'text/plain' }, 415, -32600],
    ['an unacceptable Accept', callToolMessage('echo', { text: 'a' }), { accept: 'text/html' }, 406, -32600],
    [
      'an unsupported protocol version',
      callToolMessage('echo', { text: 'a' }),
      { 'mcp-protocol-version': '1999-01-01' },
      400,
      -32600,
    ],
  ])('refuses %s with a JSON-RPC error', async (_label, body, headers, status, code) => {
    const response = await postMcp(svc.url, body, headers as Record<string, string>);
    expect(response.status).toBe(status);
    expect(response.json).toMatchObject({ jsonrpc: '2.0', id: null, error: { code } });
  });

  it('refuses an oversized body with 413 before parsing it', async () => {
    const response = await postMcp(svc.url, callToolMessage('echo', { text: 'x'.repeat(300 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.json).toMatchObject({ error: { message: expect.stringMatching(/Payload Too Large/) } });
  });

  it('refuses GET and DELETE on /mcp with 405', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(svc.url, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
  });

  it('echoes a sane request id and continues the caller’s trace', async () => {
    const response = await fetch(svc.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'req-123',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-123');
  });
});

describe('DNS-rebinding protection and probes', () => {
  it('refuses a foreign Host or browser Origin on /mcp', async () => {
    // fetch() cannot set Host (a forbidden header), which is exactly what a rebinding browser does for us.
    expect(await statusWithHost(svc.url, 'POST', 'evil.example:3101')).toBe(403);
    expect(await statusWithHost(svc.url, 'POST', 'localhost:3101')).toBe(200);
    const evilOrigin = await postMcp(
      svc.url,
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      { origin: 'http://evil.example' },
    );
    expect(evilOrigin.status).toBe(403);
  });

  it('leaves the probes working under any Host', async () => {
    const base = svc.url.replace('/mcp', '');
    expect(await statusWithHost(`${base}/healthz`, 'GET', '10.1.2.3:3101')).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('exports per-tool call counts and latency histograms', async () => {
    const text = await (await fetch(svc.url.replace('/mcp', '/metrics'))).text();
    expect(text).toMatch(/mcp_tool_calls_total\{tool="echo",outcome="ok",service="fixture"\} [1-9]/);
    expect(text).toMatch(/mcp_tool_calls_total\{tool="explode",outcome="error",service="fixture"\} [1-9]/);
    expect(text).toMatch(/mcp_tool_call_duration_seconds_bucket\{[^}]*tool="echo"/);
    expect(text).toMatch(/mcp_rejected_requests_total\{reason="host",service="fixture"\} [1-9]/);
  });
});

function statusWithHost(url: string, method: string, host: string): Promise<number | undefined> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
  return new Promise((resolve, reject) => {
    request(url, { method, headers: { host, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    })
      .on('error', reject)
      .end(method === 'POST' ? body : undefined);
  });
}
