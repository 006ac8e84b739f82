import { ConfigError, generateIdentityKeyPair } from '@shopchat/mcp-service';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MCP_SERVERS, loadCatalogueConfig, parseMcpServers } from '../../src/index.ts';

describe('MCP_SERVERS', () => {
  it('reads name=url pairs in order, tolerating spaces and a trailing comma', () => {
    const servers = parseMcpServers({
      MCP_SERVERS:
        ' orders=http://orders:3101/mcp , products=https://products.internal/mcp,docs=http://[::1]:3103/mcp,',
    });

    expect(servers.map(({ name, url, required }) => [name, url.href, required])).toEqual([
      ['orders', 'http://orders:3101/mcp', false],
      ['products', 'https://products.internal/mcp', false],
      ['docs', 'http://[::1]:3103/mcp', false],
    ]);
  });

  it('defaults to the three servers of `npm start` when unset', () => {
    expect(parseMcpServers({}).map((server) => server.url.href)).toEqual(
      DEFAULT_MCP_SERVERS.split(',').map((entry) => entry.split('=')[1]),
    );
  });

  it('marks the servers named in MCP_REQUIRED_SERVERS as required', () => {
    const servers = parseMcpServers({
      MCP_SERVERS: 'orders=http://a/mcp,docs=http://b/mcp',
      MCP_REQUIRED_SERVERS: 'orders',
    });

    expect(servers.map((server) => server.required)).toEqual([true, false]);
  });

  it.each([
    ['orders', 'entry "orders" is not name=url'],
    ['=http://a/mcp', 'entry "=http://a/mcp" is not name=url'],
    ['Orders=http://a/mcp', 'server name "Orders" is invalid'],
    ['my.orders=http://a/mcp', 'server name "my.orders" is invalid'],
    ['orders=ftp://a/mcp', 'URL of "orders" is not an http:// or https:// URL'],
    ['orders=localhost:3101', 'URL of "orders" is not an http:// or https:// URL'],
    ['orders=http://a/mcp,orders=http://b/mcp', 'names the server "orders" twice'],
    ['orders=http://user:secret@a/mcp', 'URL of "orders" must not carry credentials'],
    ['orders=ftp://user:secret@a/mcp', 'URL of "orders" is not an http:// or https:// URL: "ftp://***@a/mcp"'],
  ])('refuses %j with a message naming the variable', (value, problem) => {
    const error = catchError(() => parseMcpServers({ MCP_SERVERS: value }));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ variable: 'MCP_SERVERS' });
    expect((error as Error).message).toContain(`MCP_SERVERS ${problem}`);
    expect((error as Error).message).not.toContain('secret');
  });

  it('refuses a required server that is not configured', () => {
    const error = catchError(() =>
      parseMcpServers({ MCP_SERVERS: 'orders=http://a/mcp', MCP_REQUIRED_SERVERS: 'orders,billing' }),
    );

    expect(error).toMatchObject({ variable: 'MCP_REQUIRED_SERVERS' });
    expect((error as Error).message).toBe('MCP_REQUIRED_SERVERS names "billing", which is not in MCP_SERVERS (orders)');
  });
});

describe('loadCatalogueConfig', () => {
  it('reads the servers, the service token, the signing key and the timeouts', async () => {
    const keys = await generateIdentityKeyPair();

    const config = await loadCatalogueConfig({
      MCP_SERVERS: 'orders=http://a/mcp',
      MCP_SERVICE_TOKEN: 'a-service-token-of-some-length',
      MCP_IDENTITY_PRIVATE_KEY: keys.privateKey,
      MCP_CONNECT_TIMEOUT_MS: '2000',
      TOOL_TIMEOUT_MS: '12000',
      MCP_TOOLS_REFRESH_MS: '60000',
    });

    expect(config.servers.map((server) => server.name)).toEqual(['orders']);
    expect(config.serviceToken).toBe('a-service-token-of-some-length');
    expect(await config.signer?.sign('cust_alice', 'orders')).toMatch(/^ey/);
    expect(config.settings).toEqual({ connectTimeoutMs: 2000, callTimeoutMs: 12000, refreshIntervalMs: 60000 });
  });

  it('leaves optional settings unset: anonymous only, no token, the defaults', async () => {
    const config = await loadCatalogueConfig({ MCP_SERVERS: 'orders=http://a/mcp', MCP_SERVICE_TOKEN: '' });

    expect(config).toEqual({ servers: config.servers, settings: {} });
  });

  it.each([
    [{ MCP_SERVICE_TOKEN: 'short' }, 'MCP_SERVICE_TOKEN'],
    [{ TOOL_TIMEOUT_MS: 'soon' }, 'TOOL_TIMEOUT_MS'],
    [{ MCP_TOOLS_REFRESH_MS: '10' }, 'MCP_TOOLS_REFRESH_MS'],
    [{ MCP_IDENTITY_PRIVATE_KEY: 'not a key' }, 'MCP_IDENTITY_PRIVATE_KEY'],
  ])('refuses %j naming the variable', async (env, variable) => {
    await expect(loadCatalogueConfig({ MCP_SERVERS: 'orders=http://a/mcp', ...env })).rejects.toMatchObject({
      name: 'ConfigError',
      variable,
    });
  });
});

function catchError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
