import type { JSONRPCRequest, MessageClassification, Server } from '@modelcontextprotocol/server';
import {
  classifyInboundRequest,
  isJsonContentType,
  PROTOCOL_VERSION_META_KEY,
  UnsupportedProtocolVersionError,
} from '@modelcontextprotocol/server';
import type { Request, RequestHandler, Response } from 'express';
import { checkStandardHeaders, HEADER_MISMATCH } from './check-standard-headers.ts';
import { JSON_RPC, sendJsonRpcError } from './json-rpc-error-response.ts';
import { MODERN_PROTOCOL_VERSIONS, SERVED_PROTOCOL_VERSIONS } from './protocol-revisions.ts';
import type { RequestScope } from './request-scope.ts';
import { type ExchangeAnswer, serveModernExchange } from './serve-modern-exchange.ts';
import type { ServiceMetrics } from './service-metrics.ts';
import { SingleExchangeTransport } from './single-exchange-transport.ts';

/** Methods counted under their own name in metrics; anything else is `other`, so labels stay bounded. */
const COUNTED_METHODS = new Set([
  'initialize',
  'ping',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'prompts/list',
  'prompts/get',
  'server/discover',
]);

/** The first per-request revision: a header naming it or a later one asks for the 2026-era path. */
const FIRST_MODERN_REVISION = '2026-07-28';

export interface McpHttpEndpointOptions {
  buildServer: (scope: RequestScope) => Server;
  metrics: ServiceMetrics;
}

/**
 * `POST /mcp`: MCP Streamable HTTP, stateless, in every revision the kit serves. A request whose `_meta`
 * names its revision (2026-07-28: no `initialize`, no session) is classified by the SDK and served on
 * that revision; anything else is 2025-era traffic (2025-11-25, 2025-06-18, …), where a bare `tools/call`
 * also needs no prior `initialize`. Every request gets a fresh SDK server instance, so any replica answers
 * any request. Expects the body already parsed by `express.json()` (which enforces the size limit).
 */
export function createMcpHttpEndpoint(options: McpHttpEndpointOptions): RequestHandler {
  return async (req, res) => {
    if (!isJsonContentType(req.get('content-type'))) {
      options.metrics.rejectedRequests.inc({ reason: 'media_type' });
      return sendJsonRpcError(
        res,
        415,
        JSON_RPC.invalidRequest,
        'Unsupported Media Type: send Content-Type: application/json.',
      );
    }
    if (!acceptsJson(req.get('accept'))) {
      options.metrics.rejectedRequests.inc({ reason: 'accept' });
      return sendJsonRpcError(
        res,
        406,
        JSON_RPC.invalidRequest,
        'Not Acceptable: the client must accept application/json.',
      );
    }
    const message: unknown = req.body;
    const version = req.get('mcp-protocol-version');
    if (claimsRevision(message) || (version !== undefined && version.trim() >= FIRST_MODERN_REVISION)) {
      return serveModernRoute(message, req, res, options);
    }
    if (version !== undefined && !SERVED_PROTOCOL_VERSIONS.includes(version)) {
      return sendJsonRpcError(
        res,
        400,
        JSON_RPC.invalidRequest,
        `Bad Request: unsupported MCP-Protocol-Version "${version.slice(0, 32)}"; supported: ${SERVED_PROTOCOL_VERSIONS.join(', ')}.`,
      );
    }
    if (Array.isArray(message)) {
      return sendJsonRpcError(
        res,
        400,
        JSON_RPC.invalidRequest,
        'Invalid Request: JSON-RPC batches are not supported; send one message per request.',
      );
    }
    const kind = classifyMessage(message);
    if (kind === 'request') return serveRequest(message as JSONRPCRequest, undefined, res, options);
    if (kind === 'notification' || kind === 'response') {
      // Stateless: there is no session for a notification (initialized, cancelled) to act on.
      return void res.status(202).end();
    }
    sendJsonRpcError(res, 400, JSON_RPC.invalidRequest, 'Invalid Request: the body is not a JSON-RPC 2.0 message.');
  };
}

/**
 * The 2026-era path: the SDK's classifier checks the envelope and its agreement with the headers, the
 * kit checks the revision is one it serves and the standard headers are present.
 */
function serveModernRoute(message: unknown, req: Request, res: Response, options: McpHttpEndpointOptions) {
  const route = classifyInboundRequest({
    httpMethod: 'POST',
    protocolVersionHeader: req.get('mcp-protocol-version'),
    mcpMethodHeader: req.get('mcp-method'),
    mcpNameHeader: req.get('mcp-name'),
    body: message,
  });
  const id = echoableId(message);
  if (route.kind === 'reject') {
    return sendRpcError(res, route.httpStatus, id, { code: route.code, message: route.message, data: route.data });
  }
  if (route.kind === 'legacy') {
    // A 2025-era message under a 2026 header that the classifier let through (a posted response): nothing to do.
    return void res.status(202).end();
  }
  const requested = route.classification.revision;
  if (requested === undefined || !MODERN_PROTOCOL_VERSIONS.includes(requested)) {
    const error = new UnsupportedProtocolVersionError({
      supported: [...MODERN_PROTOCOL_VERSIONS],
      requested: requested ?? 'unknown',
    });
    return sendRpcError(res, 400, id, { code: error.code, message: error.message, data: error.data });
  }
  if (route.messageKind === 'notification') return void res.status(202).end();
  const refused = checkStandardHeaders(route.message, {
    protocolVersion: req.get('mcp-protocol-version'),
    method: req.get('mcp-method'),
    name: req.get('mcp-name'),
  });
  if (refused) {
    return sendRpcError(res, 400, id, {
      code: HEADER_MISMATCH,
      message: `Bad Request: the request headers and body disagree: ${refused}`,
    });
  }
  return serveRequest(route.message, route.classification, res, options);
}

/** One request, one fresh server: the 2026 era when `classification` is given, else the 2025 era. */
async function serveRequest(
  message: JSONRPCRequest,
  classification: MessageClassification | undefined,
  res: Response,
  options: McpHttpEndpointOptions,
) {
  const scope = res.locals.scope as RequestScope;
  const method = COUNTED_METHODS.has(message.method) ? message.method : 'other';
  let closeExchange: (() => Promise<void>) | undefined;
  // The client going away aborts the handler through the SDK's per-request signal.
  const onClose = () => {
    if (!res.writableFinished) void closeExchange?.();
  };
  res.once('close', onClose);
  try {
    const server = options.buildServer(scope);
    const onTransport = (close: () => Promise<void>) => {
      closeExchange = close;
    };
    const answer = classification
      ? await serveModernExchange(server, message, classification, onTransport)
      : await serveLegacyExchange(server, message, onTransport);
    if (!answer || res.headersSent) return;
    options.metrics.mcpRequests.inc({ method, status: answer.failed ? 'error' : 'ok' });
    // Written directly rather than through res.json(): this line runs on every tool call of the product.
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(answer.body),
    });
    res.end(answer.body);
  } catch (error) {
    scope.log.error({ ...scope.bindings, err: error, method }, 'MCP request failed inside the transport');
    options.metrics.mcpRequests.inc({ method, status: 'error' });
    if (!res.headersSent) {
      sendRpcError(res, 500, message.id, {
        code: JSON_RPC.internalError,
        message: 'Internal error: the server could not process this request.',
      });
    }
  }
}

/** The 2025 era through the kit's own single-exchange transport (decision 0001). */
async function serveLegacyExchange(
  server: Server,
  message: JSONRPCRequest,
  onTransport: (close: () => Promise<void>) => void,
): Promise<ExchangeAnswer | undefined> {
  const transport = new SingleExchangeTransport();
  onTransport(() => transport.close());
  await server.connect(transport);
  const response = await transport.exchange(message);
  return response && { status: 200, body: JSON.stringify(response), failed: 'error' in response };
}

/** Whether the message names its revision in `_meta` (the 2026-07-28 per-request envelope). */
function claimsRevision(message: unknown): boolean {
  const params = (message as { params?: unknown } | null)?.params;
  const meta = (params as { _meta?: unknown } | null | undefined)?._meta;
  return typeof meta === 'object' && meta !== null && PROTOCOL_VERSION_META_KEY in meta;
}

function echoableId(message: unknown): string | number | null {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

function sendRpcError(
  res: Response,
  status: number,
  id: string | number | null,
  error: { code: number; message: string; data?: unknown },
): void {
  res.status(status).json({ jsonrpc: '2.0', id, error });
}

/**
 * Sorts a message by its envelope only. The SDK's `Server` validates the full request against the MCP
 * schemas right after; doing it here too (with the SDK's zod guards) cost a tenth of every call.
 */
function classifyMessage(message: unknown): 'request' | 'notification' | 'response' | 'invalid' {
  if (typeof message !== 'object' || message === null || (message as { jsonrpc?: unknown }).jsonrpc !== '2.0') {
    return 'invalid';
  }
  const { id, method } = message as { id?: unknown; method?: unknown };
  const hasId = typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id));
  if (typeof method === 'string') {
    if (hasId) return 'request';
    return 'id' in message ? 'invalid' : 'notification';
  }
  return hasId && ('result' in message || 'error' in message) ? 'response' : 'invalid';
}

function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const type = part.split(';')[0]?.trim().toLowerCase();
    return type === 'application/json' || type === 'application/*' || type === '*/*';
  });
}

/** `GET`/`DELETE /mcp`: no standalone streams or sessions exist on a stateless server. */
export const methodNotAllowed: RequestHandler = (_req, res) => {
  sendJsonRpcError(res, 405, JSON_RPC.refused, 'Method Not Allowed: this stateless MCP server accepts POST only.', {
    Allow: 'POST',
  });
};
