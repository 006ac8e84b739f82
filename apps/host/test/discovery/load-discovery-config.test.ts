import { ConfigError } from '@shopchat/mcp-service';
import { describe, expect, it } from 'vitest';
import { loadDiscoveryConfig } from '../../src/discovery/load-discovery-config.ts';

const noFile = { readNamespaceFile: () => undefined };

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadDiscoveryConfig', () => {
  it('is static by default, and with MCP_DISCOVERY=static or empty', () => {
    expect(loadDiscoveryConfig({}, noFile)).toEqual({ mode: 'static' });
    expect(loadDiscoveryConfig({ MCP_DISCOVERY: '' }, noFile)).toEqual({ mode: 'static' });
    expect(loadDiscoveryConfig({ MCP_DISCOVERY: 'static', MCP_SERVERS: 'a=http://a/mcp' }, noFile)).toEqual({
      mode: 'static',
    });
  });

  it('reads the kubernetes settings with their defaults', () => {
    expect(loadDiscoveryConfig({ MCP_DISCOVERY: 'kubernetes' }, noFile)).toEqual({
      mode: 'kubernetes',
      namespace: 'default',
      labelSelector: 'app.kubernetes.io/component=mcp-server',
      watchEndpointSlices: true,
    });
    expect(
      loadDiscoveryConfig(
        {
          MCP_DISCOVERY: 'kubernetes',
          MCP_DISCOVERY_NAMESPACE: 'shop',
          MCP_DISCOVERY_LABEL_SELECTOR: 'shopchat.dev/mcp=true,tier!=canary',
          MCP_DISCOVERY_ENDPOINTS: 'false',
        },
        noFile,
      ),
    ).toEqual({
      mode: 'kubernetes',
      namespace: 'shop',
      labelSelector: 'shopchat.dev/mcp=true,tier!=canary',
      watchEndpointSlices: false,
    });
  });

  it("defaults the namespace to the pod's own (service-account namespace file)", () => {
    const config = loadDiscoveryConfig({ MCP_DISCOVERY: 'kubernetes' }, { readNamespaceFile: () => 'shop-prod\n' });
    expect(config).toMatchObject({ mode: 'kubernetes', namespace: 'shop-prod' });
  });

  it('names the variable in every error', () => {
    expect(errorOf(() => loadDiscoveryConfig({ MCP_DISCOVERY: 'consul' }, noFile)).message).toBe(
      'MCP_DISCOVERY is invalid: must be "static" (use MCP_SERVERS) or "kubernetes"',
    );
    expect(
      errorOf(() => loadDiscoveryConfig({ MCP_DISCOVERY: 'kubernetes', MCP_DISCOVERY_NAMESPACE: 'Shop_1' }, noFile))
        .variable,
    ).toBe('MCP_DISCOVERY_NAMESPACE');
    expect(
      errorOf(() =>
        loadDiscoveryConfig({ MCP_DISCOVERY: 'kubernetes', MCP_DISCOVERY_LABEL_SELECTOR: 'a=b&watch=false' }, noFile),
      ).variable,
    ).toBe('MCP_DISCOVERY_LABEL_SELECTOR');
    expect(
      errorOf(() => loadDiscoveryConfig({ MCP_DISCOVERY: 'kubernetes', MCP_SERVERS: 'a=http://a/mcp' }, noFile))
        .message,
    ).toBe('MCP_SERVERS must be unset with MCP_DISCOVERY=kubernetes (servers are discovered)');
    expect(errorOf(() => loadDiscoveryConfig({ MCP_DISCOVERY_NAMESPACE: 'shop' }, noFile)).message).toBe(
      'MCP_DISCOVERY_NAMESPACE is set but MCP_DISCOVERY is not "kubernetes"',
    );
    expect(
      errorOf(() => loadDiscoveryConfig({ MCP_DISCOVERY: 'kubernetes' }, { readNamespaceFile: () => 'NOPE' })).variable,
    ).toBe('MCP_DISCOVERY_NAMESPACE');
  });
});
