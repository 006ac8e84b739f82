import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { svgIcon } from '../src/index.ts';
import {
  expectedRevision,
  listAndCall,
  REVISION_CLIENTS,
  startTestService,
  type TestService,
} from '../src/testing/index.ts';
import { fixtureTools } from './support/fixture-tools.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

let svc: TestService;
const SERVER_ICON = svgIcon(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"/></svg>',
);

beforeAll(async () => {
  svc = await startTestService({ name: 'fixture', version: '1.2.3', icons: [SERVER_ICON], tools: fixtureTools });
});
afterAll(async () => {
  await svc?.stop();
});

/** The `_meta` envelope a 2026-07-28 client puts on every request. */
const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};
const MODERN_HEADERS = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'echo' };

describe('one /mcp endpoint, every revision', () => {
  it.each(REVISION_CLIENTS)('serves the %s client: it lists and calls tools', async (kind) => {
    const { protocolVersion, tools, result } = await listAndCall(kind, svc.url, {
      name: 'echo',
      arguments: { text: kind },
    });
    expect(protocolVersion).toBe(expectedRevision(kind));
    expect(tools.map((tool) => tool.name)).toContain('echo');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ text: kind });
  });

  it('keeps 2025-06-18 for clients that ask for it', async () => {
    const initialize = await postMcp(svc.url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'old', version: '1' } },
    });
    expect(initialize.json).toMatchObject({
      result: { protocolVersion: '2025-06-18', serverInfo: { icons: [SERVER_ICON] } },
    });
    const call = await postMcp(svc.url, callToolMessage('echo', { text: 'old' }), {
      'mcp-protocol-version': '2025-06-18',
    });
    expect(call.json).toMatchObject({ result: { structuredContent: { text: 'old' } } });
  });

  it('answers server/discover with the per-request revisions and the capabilities', async () => {
    const response = await postMcp(
      svc.url,
      { jsonrpc: '2.0', id: 'd', method: 'server/discover', params: { _meta: ENVELOPE } },
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' },
    );
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      id: 'd',
      result: {
        supportedVersions: ['2026-07-28'],
        capabilities: { tools: {} },
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'fixture', icons: [SERVER_ICON] } },
      },
    });
    expect(response.headers.get('mcp-session-id')).toBeNull();
  });

  it('serves a 2026-07-28 tools/call with no handshake, naming the server on the result', async () => {
    const response = await postMcp(svc.url, callToolMessage('echo', { text: 'now' }, ENVELOPE, 9), MODERN_HEADERS);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      id: 9,
      result: {
        structuredContent: { text: 'now' },
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'fixture', version: '1.2.3' } },
      },
    });
  });

  it.each([
    [
      'a revision it does not serve',
      { ...ENVELOPE, 'io.modelcontextprotocol/protocolVersion': '2027-01-01' },
      { 'mcp-protocol-version': '2027-01-01' },
      400,
      -32022,
    ],
    ['headers that disagree with the body', ENVELOPE, { 'mcp-name': 'explode' }, 400, -32020],
    ['a missing Mcp-Method header', ENVELOPE, { 'mcp-method': undefined }, 400, -32020],
    ['a 2026 header without the envelope', undefined, {}, 400, -32602],
    [
      'an envelope without client capabilities',
      { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' },
      {},
      400,
      -32602,
    ],
  ])('refuses %s before any tool runs', async (_label, meta, headers, status, code) => {
    const merged = Object.fromEntries(
      Object.entries({ ...MODERN_HEADERS, ...headers }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    const response = await postMcp(svc.url, callToolMessage('echo', { text: 'x' }, meta, 3), merged);
    expect(response.status).toBe(status);
    expect(response.json).toMatchObject({ jsonrpc: '2.0', id: 3, error: { code } });
  });

  it('has no initialize on 2026-07-28: a handshake inside the envelope is an unknown method', async () => {
    const response = await postMcp(
      svc.url,
      { jsonrpc: '2.0', id: 4, method: 'initialize', params: { _meta: ENVELOPE } },
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'initialize' },
    );
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ id: 4, error: { code: -32601 } });
  });
});
