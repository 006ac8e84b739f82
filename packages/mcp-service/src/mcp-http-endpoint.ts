import type { JSONRPCRequest, Server } from '@modelcontextprotocol/server';
import { isJsonContentType, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/server';
import type { RequestHandler, Response } from 'express';
import { JSON_RPC, sendJsonRpcError } from './json-rpc-error-response.ts';
import type { RequestScope } from './request-scope.ts';
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
]);

export interface McpHttpEndpointOptions {
  buildServer: (scope: RequestScope) => Server;
  metrics: ServiceMetrics;
}

/**
 * `POST /mcp`: MCP Streamable HTTP, stateless. Every request gets a fresh SDK server instance, so any
 * replica answers any request and a bare `tools/call` needs no prior `initialize`. Expects the body
 * already parsed by `express.json()` (which enforces the size limit).
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
    const version = req.get('mcp-protocol-version');
    if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      return sendJsonRpcError(
        res,
        400,
        JSON_RPC.invalidRequest,
        `Bad Request: unsupported MCP-Protocol-Version "${version.slice(0, 32)}"; supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}.`,
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
    if (kind === 'request') return serveRequest(message as JSONRPCRequest, res, options);
    if (kind === 'notification' || kind === 'response') {
      // Stateless: there is no session for a notification (initialized, cancelled) to act on.
      return void res.status(202).end();
    }
    sendJsonRpcError(res, 400, JSON_RPC.invalidRequest, 'Invalid Request: the body is not a JSON-RPC 2.0 message.');
  };
}

async function serveRequest(message: JSONRPCRequest, res: Response, options: McpHttpEndpointOptions) {
  const scope = res.locals.scope as RequestScope;
  const method = COUNTED_METHODS.has(message.method) ? message.method : 'other';
  const transport = new SingleExchangeTransport();
  // The client going away aborts the handler through the SDK's per-request signal.
  const onClose = () => {
    if (!res.writableFinished) void transport.close();
  };
  res.once('close', onClose);
  try {
    const server = options.buildServer(scope);
    await server.connect(transport);
    const response = await transport.exchange(message);
    if (!response || res.headersSent) return;
    const failed = 'error' in response;
    options.metrics.mcpRequests.inc({ method, status: failed ? 'error' : 'ok' });
    // Written directly rather than through res.json(): this line runs on every tool call of the product.
    const body = JSON.stringify(response);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  } catch (error) {
    scope.log.error({ ...scope.bindings, err: error, method }, 'MCP request failed inside the transport');
    options.metrics.mcpRequests.inc({ method, status: 'error' });
    if (!res.headersSent) {
      res.status(500).json({
        jsonrpc: '2.0',
        id: message.id,
        error: { code: JSON_RPC.internalError, message: 'Internal error: the server could not process this request.' },
      });
    }
  }
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
