import { describe, expect, it } from 'vitest';
import { ConfigError, loadServiceSettings } from '../src/index.ts';

describe('loadServiceSettings', () => {
  it('defaults to loopback, no token, and localhost host names', () => {
    const settings = loadServiceSettings({}, { port: 3101 });
    expect(settings).toMatchObject({
      port: 3101,
      host: '127.0.0.1',
      allowedHosts: ['localhost', '127.0.0.1', '[::1]'],
      toolTimeoutMs: 10_000,
    });
    expect(settings.serviceToken).toBeUndefined();
  });

  it('refuses a non-loopback address without a service token', () => {
    expect(() => loadServiceSettings({ HOST: '0.0.0.0' }, { port: 3101 })).toThrow(/MCP_SERVICE_TOKEN is required/);
  });

  it('listens anywhere with a token, and then accepts any Host unless told otherwise', () => {
    const settings = loadServiceSettings({ HOST: '0.0.0.0', MCP_SERVICE_TOKEN: 's'.repeat(32) }, { port: 1 });
    expect(settings.allowedHosts).toBe('any');
  });

  it('names the variable that is wrong', () => {
    const attempt = () => loadServiceSettings({ PORT: 'eighty' }, { port: 1 });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^PORT /);
    expect(() => loadServiceSettings({ MCP_SERVICE_TOKEN: 'short' }, { port: 1 })).toThrow(/MCP_SERVICE_TOKEN.*16/);
    expect(() => loadServiceSettings({ MCP_TOOL_TIMEOUT_MS: '-5' }, { port: 1 })).toThrow(/MCP_TOOL_TIMEOUT_MS/);
  });

  it('reads lists and treats empty variables as unset', () => {
    const settings = loadServiceSettings(
      { MCP_ALLOWED_HOSTS: 'orders, orders.shop.svc', MCP_ALLOWED_ORIGINS: '', LOG_LEVEL: '' },
      { port: 1 },
    );
    expect(settings.allowedHosts).toEqual(['orders', 'orders.shop.svc']);
    expect(settings.allowedOrigins).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(settings.logLevel).toBe('info');
  });

  it('reads tracing from the standard OTEL_* variables: off without an exporter, a bad value stops startup', () => {
    expect(loadServiceSettings({}, { port: 1 }).telemetry).toMatchObject({ enabled: false });
    expect(
      loadServiceSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, { port: 1 }).telemetry,
    ).toMatchObject({ enabled: true, exporter: { url: 'http://collector:4318/v1/traces' } });
    const attempt = () => loadServiceSettings({ OTEL_TRACES_SAMPLER: 'sometimes' }, { port: 1 });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^OTEL_TRACES_SAMPLER is invalid/);
  });
});
