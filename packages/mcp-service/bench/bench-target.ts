// Child process of the tools/call benchmark: serves the same trivial work two ways on one port, so the
// load generator (the parent) and the servers never share an event loop.
//   POST /mcp  — a kit service with one `echo` tool (the full path every product tool call takes)
//   POST /bare — a plain express JSON endpoint doing the same validation and answer
// Tracing follows the OTEL_* variables as in a service, so its cost can be measured:
//   OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 npm run bench
import { loadTelemetryConfig, startTelemetry } from '@shopchat/telemetry';
import express from 'express';
import { z } from 'zod';
import { createLogger, createMcpService, defineTool, SERVICE_DEFAULTS, toolResult } from '../src/index.ts';

const input = z.strictObject({ text: z.string().max(200) });
const echo = defineTool({
  name: 'echo',
  title: 'Echo',
  description: 'Repeats the given text.',
  input,
  output: z.object({ text: z.string() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  needsCustomer: false,
  handler: async ({ text }) => toolResult({ text }, text),
});

startTelemetry(loadTelemetryConfig(process.env), { serviceName: 'bench' });

const service = await createMcpService({
  name: 'bench',
  version: '1.0.0',
  tools: [echo],
  // Production log level: formatting one info line per tool call is part of what is measured; writing it
  // to a terminal is not, so lines go nowhere.
  logger: createLogger({
    service: 'bench',
    level: process.env.BENCH_LOG_LEVEL ?? 'info',
    destination: { write: () => true },
  }),
  settings: {
    allowedHosts: ['localhost', '127.0.0.1', '[::1]'],
    allowedOrigins: [],
    bodyLimitBytes: SERVICE_DEFAULTS.bodyLimitBytes,
    toolTimeoutMs: SERVICE_DEFAULTS.toolTimeoutMs,
    shutdownGraceMs: 1000,
    logLevel: 'info',
  },
});

const app = express();
app.disable('x-powered-by');
app.post('/bare', express.json(), (req, res) => {
  const parsed = input.safeParse(req.body);
  if (!parsed.success) return void res.status(400).json({ error: 'invalid' });
  res.json({ text: parsed.data.text });
});
app.use(service.app);
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
