import type { V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { clusterServiceUrl } from '../../src/discovery/service-to-mcp-server.ts';
import { servicesToServerSet } from '../../src/discovery/services-to-server-set.ts';
import { mcpService } from '../discovery/support/kubernetes-objects.ts';

const set = (services: V1Service[], owners?: ReadonlyMap<string, string>) =>
  servicesToServerSet(services, {
    resolveUrl: clusterServiceUrl,
    maxServers: 32,
    namespace: 'shop',
    allowed: new Set(['orders', 'products', 'docs']),
    ...(owners ? { owners } : {}),
  });
const service = (spec: Parameters<typeof mcpService>[0]) => mcpService(spec) as V1Service;

/**
 * Attack: whoever can create a Service in (or near) the host's namespace labels it as an MCP server, to receive
 * customers' signed identities and tool calls: a new server name, an existing one (to take its traffic), or an
 * ExternalName alias pointing outside the cluster.
 */
describe('discovery admits only allowed servers of its namespace, and never switches a name', () => {
  it('refuses a server name that MCP_ALLOWED_SERVERS does not list', () => {
    const result = set([service({ name: 'orders', port: 1 }), service({ name: 'exfiltrate', port: 2 })]);
    expect(result.servers.map((s) => s.name)).toEqual(['orders']);
    expect(result.ignored.get('exfiltrate')).toMatch(/MCP_ALLOWED_SERVERS/);
  });

  it('refuses an ExternalName Service and one from another namespace', () => {
    const alias = service({ name: 'docs', port: 443 });
    alias.spec = { ...alias.spec, type: 'ExternalName', externalName: 'attacker.example' };
    const foreign = service({ name: 'products', port: 2 });
    foreign.metadata = { ...foreign.metadata, namespace: 'elsewhere' };
    const result = set([alias, foreign]);
    expect(result.servers).toEqual([]);
    expect(result.ignored.get('docs')).toMatch(/ExternalName/);
    expect(result.ignored.get('products')).toMatch(/namespace "elsewhere"/);
  });

  it('keeps the Service already admitted when another claims its name, and reports the conflict', () => {
    const first = set([service({ name: 'orders-z', serverName: 'orders', port: 1 })]);
    expect(first.servers.map((s) => s.url.href)).toEqual(['http://orders-z.shop.svc:1/mcp']);
    // The newcomer sorts first by name, which used to win: now the admitted one keeps the name.
    const next = set(
      [
        service({ name: 'orders-a', serverName: 'orders', port: 9 }),
        service({ name: 'orders-z', serverName: 'orders', port: 1 }),
      ],
      first.owners,
    );
    expect(next.servers.map((s) => s.url.href)).toEqual(['http://orders-z.shop.svc:1/mcp']);
    expect(next.conflicts).toEqual([{ server: 'orders', kept: 'orders-z', refused: ['orders-a'] }]);
    expect(next.ignored.get('orders-a')).toMatch(/orders-z already serves/);
  });
});
