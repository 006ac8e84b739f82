import { describe, expect, it } from 'vitest';
import { loadTelemetryConfig, TELEMETRY_DEFAULTS, TelemetryConfigError } from '../src/index.ts';

const load = (env: Record<string, string>) => loadTelemetryConfig(env);

describe('loadTelemetryConfig', () => {
  it('is off without an endpoint or an exporter, whatever else is set', () => {
    expect(load({})).toEqual({ enabled: false, reason: 'no OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_TRACES_EXPORTER' });
    expect(
      load({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_SAMPLER: 'always_on', OTEL_EXPORTER_OTLP_ENDPOINT: '' }).enabled,
    ).toBe(false);
  });

  it('is off with OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none, even with an endpoint', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(load({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toMatchObject({ enabled: false });
    expect(load({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toMatchObject({ enabled: false });
  });

  it('exports over OTLP/HTTP to the shared endpoint plus /v1/traces, with the standard defaults', () => {
    expect(load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      enabled: true,
      resourceAttributes: {},
      exporter: { kind: 'otlp', url: 'http://collector:4318/v1/traces', headers: {} },
      sampler: { name: 'parentbased_always_on', ratio: 1 },
      batch: {
        scheduledDelayMillis: 5_000,
        maxQueueSize: 2_048,
        maxExportBatchSize: 512,
        exportTimeoutMillis: 30_000,
      },
      attributeValueLengthLimit: TELEMETRY_DEFAULTS.attributeValueLengthLimit,
    });
  });

  it('takes the traces endpoint as it is, and it wins over the shared one', () => {
    const config = load({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://shared:4318/',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp/traces',
    });
    expect(config).toMatchObject({ exporter: { url: 'https://traces.example/otlp/traces' } });
    expect(load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://shared:4318/' })).toMatchObject({
      exporter: { url: 'http://shared:4318/v1/traces' },
    });
  });

  it('reads service name, resource attributes, headers, sampler and batch settings', () => {
    const config = load({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_SERVICE_NAME: 'orders-eu',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod,service.namespace=shop',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=shop,authorization=Basic%20abc',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-tenant=traces',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      OTEL_BSP_MAX_QUEUE_SIZE: '100',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '50',
      OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '1000',
    });
    expect(config).toMatchObject({
      enabled: true,
      serviceName: 'orders-eu',
      resourceAttributes: { 'deployment.environment.name': 'prod', 'service.namespace': 'shop' },
      exporter: { headers: { 'x-tenant': 'traces', authorization: 'Basic abc' } },
      sampler: { name: 'parentbased_traceidratio', ratio: 0.25 },
      batch: { scheduledDelayMillis: 200, maxQueueSize: 100, maxExportBatchSize: 50 },
      attributeValueLengthLimit: 1000,
    });
  });

  it('takes service.name from OTEL_RESOURCE_ATTRIBUTES when OTEL_SERVICE_NAME is unset', () => {
    const config = load({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_RESOURCE_ATTRIBUTES: 'service.name=orders-blue' });
    expect(config).toMatchObject({
      serviceName: 'orders-blue',
      exporter: { kind: 'otlp', url: TELEMETRY_DEFAULTS.otlpTracesUrl },
    });
  });

  it('exports to the console with OTEL_TRACES_EXPORTER=console', () => {
    expect(load({ OTEL_TRACES_EXPORTER: 'console' })).toMatchObject({ enabled: true, exporter: { kind: 'console' } });
  });

  it.each([
    [{ OTEL_TRACES_SAMPLER: 'jaeger_remote' }, 'OTEL_TRACES_SAMPLER'],
    [{ OTEL_TRACES_SAMPLER_ARG: '2' }, 'OTEL_TRACES_SAMPLER_ARG'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'OTEL_EXPORTER_OTLP_PROTOCOL'],
    [{ OTEL_TRACES_EXPORTER: 'zipkin' }, 'OTEL_TRACES_EXPORTER'],
    [{ OTEL_BSP_SCHEDULE_DELAY: '-1' }, 'OTEL_BSP_SCHEDULE_DELAY'],
    [{ OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '5000' }, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE'],
  ])('stops at startup on %o, naming the variable', (env, variable) => {
    const attempt = () => load({ OTEL_TRACES_EXPORTER: 'otlp', ...env });
    expect(attempt).toThrow(TelemetryConfigError);
    expect(attempt).toThrow(new RegExp(`^${variable} `));
  });
});
