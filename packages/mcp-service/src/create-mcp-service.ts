import { isJsonContentType, type Server } from '@modelcontextprotocol/server';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { createLogger } from './create-logger.ts';
import { createServiceApp } from './create-service-app.ts';
import { createCustomerIdentityVerifier, type IdentityResult } from './customer-identity.ts';
import { checkIcon, type McpIcon } from './define-icon.ts';
import type { AnyPromptDefinition } from './define-prompt.ts';
import type { ResourceTemplateDefinition } from './define-resource.ts';
import type { AnyToolDefinition } from './define-tool.ts';
import { requireAllowedHostAndOrigin, requireServiceToken } from './http-guards.ts';
import { JSON_RPC, sendJsonRpcError } from './json-rpc-error-response.ts';
import { createMcpHttpEndpoint, methodNotAllowed } from './mcp-http-endpoint.ts';
import { createMcpServerFactory } from './mcp-server-factory.ts';
import type { RequestScope } from './request-scope.ts';
import { compileServedTools, type ServedTools } from './served-tools.ts';
import { ServerPool } from './server-pool.ts';
import { createServiceMetrics, type ServiceMetrics } from './service-metrics.ts';
import type { ServiceSettings } from './service-settings.ts';
import { createToolExecutor } from './tool-executor.ts';
import { continueTrace } from './trace-context.ts';

/** `ok: false` with a reason makes `/readyz` answer 503 and say why. */
export type ReadinessCheck = () => Promise<{ ok: true } | { ok: false; reason: string }>;

export interface McpServiceOptions {
  /** Server name: also the audience of the identity tokens this server accepts. */
  name: string;
  version: string;
  title?: string;
  /** The server's icons (2025-11-25 `icons` on its implementation info): `svgIcon(…)` or https URLs. */
  icons?: readonly McpIcon[];
  instructions?: string;
  tools: readonly AnyToolDefinition[];
  resources?: readonly ResourceTemplateDefinition[];
  prompts?: readonly AnyPromptDefinition[];
  settings: Omit<ServiceSettings, 'port' | 'host'>;
  logger?: Logger;
  /** Dependencies reachable? Called by `/readyz`. */
  readiness?: ReadinessCheck;
  /**
   * What an anonymous caller of a `needsCustomer` tool is told, worded by the server for its own data
   * (the kit's default says only that a sign-in is needed).
   */
  signInMessage?: string;
  /** Replaces token verification (stdio: the developer's local customer). */
  identify?: (token: unknown) => Promise<IdentityResult>;
  /**
   * Adds the service's own HTTP routes (static pictures, an admin endpoint) beside `/mcp`. They get no
   * Host check and no service-token check from the kit: each route guards itself as its audience needs.
   */
  routes?: (app: Express, log: Logger) => void;
}

export interface McpService {
  name: string;
  app: Express;
  log: Logger;
  metrics: ServiceMetrics;
  catalogue: ServedTools;
  /** Builds an SDK server instance for one request or connection (used by the stdio runner too). */
  buildServer: (scope: RequestScope) => Server;
  /** Called on shutdown: `/readyz` answers 503 from then on, so load balancers stop routing here. */
  markDraining(): void;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Builds the HTTP app of an MCP server from its tool definitions: `POST /mcp` (stateless Streamable HTTP),
 * `/healthz`, `/readyz`, `/metrics`. Nothing listens yet: `runMcpService` does that, tests use the app.
 */
export async function createMcpService(options: McpServiceOptions): Promise<McpService> {
  const { settings } = options;
  const log = options.logger ?? createLogger({ service: options.name, level: settings.logLevel });
  const metrics = createServiceMetrics(options.name);
  const catalogue = compileServedTools(options.tools);
  const identify =
    options.identify ??
    (
      await createCustomerIdentityVerifier({
        audience: options.name,
        ...(settings.identityPublicKey ? { publicKey: settings.identityPublicKey } : {}),
        ...(settings.identityIssuer ? { issuer: settings.identityIssuer } : {}),
      })
    ).verify;
  const executeToolCall = createToolExecutor({
    service: options.name,
    catalogue,
    identify,
    metrics,
    toolTimeoutMs: settings.toolTimeoutMs,
    ...(options.signInMessage ? { signInMessage: options.signInMessage } : {}),
  });
  const buildServerReading = createMcpServerFactory({
    name: options.name,
    version: options.version,
    ...(options.title ? { title: options.title } : {}),
    ...(options.icons ? { icons: options.icons.map((icon) => checkIcon(icon, `Server "${options.name}"`)) } : {}),
    ...(options.instructions ? { instructions: options.instructions } : {}),
    catalogue,
    executeToolCall,
    resources: options.resources ?? [],
    prompts: options.prompts ?? [],
  });

  let draining = false;
  // Probes and metrics come first: kubelet and Prometheus reach pods by IP, without our Host or token.
  const app = createServiceApp();
  app.get('/readyz', async (_req, res) => {
    if (draining) return void res.status(503).json({ status: 'draining' });
    const check = options.readiness
      ? await options.readiness().catch(() => ({ ok: false as const, reason: 'check failed' }))
      : { ok: true as const };
    if (check.ok) return void res.json({ status: 'ready', tools: catalogue.names.length });
    res.status(503).json({ status: 'not_ready', reason: check.reason });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  options.routes?.(app, log);

  const scope: RequestHandler = (req, res, next) => {
    const traceparent = req.headers.traceparent as string | undefined;
    const tracestate = req.headers.tracestate as string | undefined;
    const trace = continueTrace(traceparent, tracestate);
    const incoming = req.headers['x-request-id'];
    // Without a caller's id, the trace id serves: one id to search logs and traces by.
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : trace.traceId;
    res.setHeader('x-request-id', requestId);
    res.locals.scope = {
      trace,
      ...(traceparent ? { traceHeaders: { traceparent, ...(tracestate ? { tracestate } : {}) } } : {}),
      log,
      bindings: { requestId, traceId: trace.traceId, spanId: trace.spanId },
    } satisfies RequestScope;
    next();
  };
  const guards: RequestHandler[] = [
    requireAllowedHostAndOrigin({
      allowedHosts: settings.allowedHosts,
      allowedOrigins: settings.allowedOrigins,
      metrics,
    }),
    ...(settings.serviceToken ? [requireServiceToken(settings.serviceToken, metrics)] : []),
  ];
  app.post(
    '/mcp',
    scope,
    ...guards,
    express.json({
      limit: settings.bodyLimitBytes,
      type: (req) => isJsonContentType(req.headers['content-type']),
      strict: false,
    }),
    createMcpHttpEndpoint({ servers: new ServerPool(buildServerReading), metrics }),
  );
  app.all('/mcp', ...guards, methodNotAllowed);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'No such endpoint. MCP is served at POST /mcp.' });
  });
  app.use(errorHandler(log, metrics));

  return {
    name: options.name,
    app,
    log,
    metrics,
    catalogue,
    buildServer: (requestScope) => buildServerReading(() => requestScope),
    markDraining() {
      draining = true;
    },
  };
}

/** The one place where errors become responses: known client faults keep their status, the rest are opaque. */
function errorHandler(log: Logger, metrics: ServiceMetrics): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const type = (error as { type?: string }).type;
    if (res.headersSent) return;
    if (type === 'entity.too.large') {
      metrics.rejectedRequests.inc({ reason: 'body_too_large' });
      return sendJsonRpcError(
        res,
        413,
        JSON_RPC.invalidRequest,
        `Payload Too Large: the body exceeds ${(error as { limit?: number }).limit ?? 'the'} bytes limit.`,
      );
    }
    if (type === 'entity.parse.failed') {
      metrics.rejectedRequests.inc({ reason: 'parse' });
      return sendJsonRpcError(res, 400, JSON_RPC.parseError, 'Parse error: the body is not valid JSON.');
    }
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      metrics.rejectedRequests.inc({ reason: 'media_type' });
      return sendJsonRpcError(res, 415, JSON_RPC.invalidRequest, 'Unsupported Media Type: send UTF-8 JSON.');
    }
    if (type === 'request.aborted') return;
    const scope = res.locals.scope as RequestScope | undefined;
    log.error({ ...scope?.bindings, err: error, path: req.path }, 'unhandled error');
    sendJsonRpcError(res, 500, JSON_RPC.internalError, 'Internal error: the server could not process this request.');
  };
}
