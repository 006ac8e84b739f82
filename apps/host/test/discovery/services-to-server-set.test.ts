import type { V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { clusterServiceUrl } from '../../src/discovery/service-to-mcp-server.ts';
import { servicesToServerSet } from '../../src/discovery/services-to-server-set.ts';
import { mcpService } from './support/kubernetes-objects.ts';

const services = (...specs: Parameters<typeof mcpService>[0][]) => specs.map(mcpService) as V1Service[];

describe('servicesToServerSet', () => {
  it('orders servers by name whatever order the API listed them in', () => {
    const set = servicesToServerSet(
      services(
        { name: 'zeta', port: 1 },
        { name: 'orders', port: 2 },
        { name: 'docs-svc', serverName: 'docs', port: 3 },
      ),
      { resolveUrl: clusterServiceUrl, maxServers: 32 },
    );
    expect(set.servers.map((server) => server.name)).toEqual(['docs', 'orders', 'zeta']);
    expect(set.ignored.size).toBe(0);
  });

  it('gives a contested name to the first Service by name, on every replica, and caps the count', () => {
    const listed = services(
      { name: 'orders-b', serverName: 'orders', port: 2 },
      { name: 'orders-a', serverName: 'orders', port: 1 },
      { name: 'products', port: 3 },
    );
    const set = servicesToServerSet(listed, { resolveUrl: clusterServiceUrl, maxServers: 1 });
    expect(set.servers.map((server) => server.url.href)).toEqual(['http://orders-a.shop.svc:1/mcp']);
    expect(Object.fromEntries(set.ignored)).toEqual({
      'orders-b': 'names the server "orders", which orders-a already serves',
      products: 'is beyond the limit of 1 MCP servers',
    });
  });
});
