// A fixture MCP server on stdio, spawned by stdio.test.ts the way a desktop client would spawn one.
import { createLogger, createMcpService, SERVICE_DEFAULTS, serveMcpStdio, stdioIdentity } from '../../src/index.ts';
import { fixtureTools } from './fixture-tools.ts';

const service = await createMcpService({
  name: 'fixture',
  version: '1.0.0',
  tools: fixtureTools,
  // stdout carries the protocol, so logs go to stderr.
  logger: createLogger({ service: 'fixture', level: 'info', destination: 2 }),
  identify: stdioIdentity(process.env.MCP_STDIO_CUSTOMER),
  settings: {
    allowedHosts: 'any',
    allowedOrigins: [],
    bodyLimitBytes: SERVICE_DEFAULTS.bodyLimitBytes,
    toolTimeoutMs: SERVICE_DEFAULTS.toolTimeoutMs,
    shutdownGraceMs: 0,
    logLevel: 'info',
  },
});
await serveMcpStdio(service);
