import type { V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { clusterServiceUrl, serviceToMcpServer } from '../../src/discovery/service-to-mcp-server.ts';
import { mcpService } from './support/kubernetes-objects.ts';

const map = (service: unknown) => serviceToMcpServer(service as V1Service, clusterServiceUrl);

describe('serviceToMcpServer', () => {
  it('uses the cluster DNS name, the port named mcp and the default path', () => {
    expect(map(mcpService({ name: 'orders', port: 3101 }))).toEqual({
      ok: true,
      server: { name: 'orders', url: new URL('http://orders.shop.svc:3101/mcp'), required: false },
    });
  });

  it('takes the name label, the path and required annotations, and the first port when none is named mcp', () => {
    const service = mcpService({
      name: 'orders-v2',
      serverName: 'orders',
      port: 8080,
      portName: 'http',
      path: '/api/mcp',
      required: true,
    });
    expect(map(service)).toEqual({
      ok: true,
      server: { name: 'orders', url: new URL('http://orders-v2.shop.svc:9090/api/mcp'), required: true },
    });
  });

  it('refuses names that cannot be an audience or prefix, paths that are not paths, and Services without ports', () => {
    expect(map(mcpService({ name: 'a', serverName: 'Orders', port: 1 }))).toMatchObject({ ok: false });
    // A path that looks like a network path still cannot move the host.
    const doubleSlash = map(mcpService({ name: 'a', port: 1, path: '//evil.example/mcp' }));
    expect(doubleSlash.ok && doubleSlash.server.url.host).toBe('a.shop.svc:1');
    expect(map(mcpService({ name: 'a', port: 1, path: 'http://evil.example/mcp' }))).toMatchObject({ ok: false });
    expect(map({ metadata: { name: 'a', namespace: 'shop' }, spec: { ports: [] } })).toEqual({
      ok: false,
      problem: 'has no ports',
    });
  });
});
