import type { JSONRPCNotification, JSONRPCRequest, MessageClassification } from '@modelcontextprotocol/server';
import { isJsonContentType, PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server';
import type { RequestHandler, Response } from 'express';
import { checkModernRequest } from './check-modern-request.ts';
import { JSON_RPC, sendJsonRpcError } from './json-rpc-error-response.ts';
import { SERVED_PROTOCOL_VERSIONS } from './protocol-revisions.ts';
import type { RequestScope } from './request-scope.ts';
import type { ServerLease, ServerPool } from './server-pool.ts';
import type { ServiceMetrics } from './service-metrics.ts';

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
  servers: ServerPool;
  metrics: ServiceMetrics;
}

/**
 * `POST /mcp`: MCP Streamable HTTP, stateless, in every revision the kit serves. A request whose `_meta`
 * names its revision (2026-07-28: no `initialize`, no session) is classified by the SDK and served on
 * that revision; anything else is 2025-era traffic (2025-11-25, 2025-06-18, …), where a bare `tools/call`
 * also needs no prior `initialize`. Every request is served by an SDK server lent to it alone (pooled, see
 * `ServerPool`), so any replica answers any request. Expects the body already parsed by `express.json()` (which enforces the size limit).
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
    if (Array.isArray(message)) {
      return sendJsonRpcError(
        res,
        400,
        JSON_RPC.invalidRequest,
        'Invalid Request: JSON-RPC batches are not supported; send one message per request.',
      );
    }
    const kind = classifyMessage(message);
    if (kind === 'invalid') {
      return sendJsonRpcError(
        res,
        400,
        JSON_RPC.invalidRequest,
        'Invalid Request: the body is not a JSON-RPC 2.0 message.',
      );
    }
    // Stateless: there is no session for a notification (initialized, cancelled) or a response to act on.
    if (kind === 'response') return void res.status(202).end();
    const rpc = message as JSONRPCRequest | JSONRPCNotification;
    const version = req.get('mcp-protocol-version');
    if (claimsRevision(rpc) || (version !== undefined && version.trim() >= FIRST_MODERN_REVISION)) {
      const checked = checkModernRequest(rpc, {
        protocolVersion: version,
        method: req.get('mcp-method'),
        name: req.get('mcp-name'),
      });
      if ('status' in checked) {
        return void res
          .status(checked.status)
          .json({ jsonrpc: '2.0', id: 'id' in rpc ? rpc.id : null, error: checked.error });
      }
      if (kind === 'notification') return void res.status(202).end();
      return serveRequest(rpc as JSONRPCRequest, { era: 'modern', revision: checked.revision }, res, options);
    }
    if (version !== undefined && !SERVED_PROTOCOL_VERSIONS.includes(version)) {
      return sendJsonRpcError(
        res,
        400,
        JSON_RPC.invalidRequest,
        `Bad Request: unsupported MCP-Protocol-Version "${version.slice(0, 32)}"; supported: ${SERVED_PROTOCOL_VERSIONS.join(', ')}.`,
      );
    }
    if (kind === 'notification') return void res.status(202).end();
    return serveRequest(rpc as JSONRPCRequest, undefined, res, options);
  };
}
/** One request, one lent server: on the 2026 era when `classification` is given, else on the 2025 era. */
async function serveRequest(
  message: JSONRPCRequest,
  classification: MessageClassification | undefined,
  res: Response,
  options: McpHttpEndpointOptions,
) {
  const scope = res.locals.scope as RequestScope;
  const method = COUNTED_METHODS.has(message.method) ? message.method : 'other';
  let lease: ServerLease | undefined;
  // The client going away aborts the handler through the SDK's per-request signal.
  const onClose = () => {
    if (!res.writableFinished) void lease?.transport.close();
  };
  res.once('close', onClose);
  let healthy = false;
  try {
    // `initialize` leaves the client's capabilities and version on the server: answered by a fresh one.
    lease = await options.servers.lend(scope, classification, message.method === 'initialize');
    const answer = await lease.transport.exchange(message);
    healthy = answer !== undefined;
    if (!answer || res.headersSent) return;
    options.metrics.mcpRequests.inc({ method, status: 'error' in answer.message ? 'error' : 'ok' });
    // Written directly rather than through res.json(): this line runs on every tool call of the product.
    const body = JSON.stringify(answer.message);
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  } catch (error) {
    healthy = false;
    scope.log.error({ ...scope.bindings, err: error, method }, 'MCP request failed inside the transport');
    options.metrics.mcpRequests.inc({ method, status: 'error' });
    if (!res.headersSent) {
      res.status(500).json({
        jsonrpc: '2.0',
        id: message.id,
        error: { code: JSON_RPC.internalError, message: 'Internal error: the server could not process this request.' },
      });
    }
  } finally {
    // Before the lease is reused: this response's later `close` must not close the next request's exchange.
    res.off('close', onClose);
    if (lease) options.servers.giveBack(lease, healthy);
  }
}

/** Whether the message names its revision in `_meta` (the 2026-07-28 per-request envelope). */
function claimsRevision(message: unknown): boolean {
  const params = (message as { params?: unknown } | null)?.params;
  const meta = (params as { _meta?: unknown } | null | undefined)?._meta;
  return typeof meta === 'object' && meta !== null && PROTOCOL_VERSION_META_KEY in meta;
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
