import { createHash, timingSafeEqual } from 'node:crypto';
import { validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';
import type { RequestHandler } from 'express';
import { JSON_RPC, sendJsonRpcError } from './json-rpc-error-response.ts';
import type { ServiceMetrics } from './service-metrics.ts';

/**
 * Requires `Authorization: Bearer <MCP_SERVICE_TOKEN>`. Compared through SHA-256 digests with
 * `timingSafeEqual`, so neither the token's content nor its length leaks through timing.
 */
export function requireServiceToken(token: string, metrics: ServiceMetrics): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (presented && timingSafeEqual(digest(presented), expected)) return next();
    metrics.rejectedRequests.inc({ reason: 'auth' });
    sendJsonRpcError(
      res,
      401,
      JSON_RPC.refused,
      'Unauthorized: this MCP server requires the service token as "Authorization: Bearer <token>".',
      { 'WWW-Authenticate': 'Bearer realm="mcp"' },
    );
  };
}

/**
 * DNS-rebinding protection: a browser page can make a loopback server receive requests under the page's
 * own host name, so the `Host` must be one we serve under, and a browser `Origin` one we trust.
 * Requests without `Origin` (server-to-server calls) pass the origin check.
 */
export function requireAllowedHostAndOrigin(options: {
  allowedHosts: string[] | 'any';
  allowedOrigins: string[];
  metrics: ServiceMetrics;
}): RequestHandler {
  const allowedHosts = options.allowedHosts;
  const checkHost =
    allowedHosts === 'any' ? undefined : memoize((host: string) => validateHostHeader(host, allowedHosts));
  return (req, res, next) => {
    if (checkHost) {
      const host = checkHost(req.headers.host ?? '');
      if (!host.ok) {
        options.metrics.rejectedRequests.inc({ reason: 'host' });
        return sendJsonRpcError(res, 403, JSON_RPC.refused, `Forbidden: ${host.message}`);
      }
    }
    const origin = req.headers.origin;
    if (origin !== undefined) {
      const checked = validateOriginHeader(origin, options.allowedOrigins);
      if (!checked.ok) {
        options.metrics.rejectedRequests.inc({ reason: 'origin' });
        return sendJsonRpcError(res, 403, JSON_RPC.refused, `Forbidden: ${checked.message}`);
      }
    }
    next();
  };
}

/** Most requests carry one of a handful of Host values: parse each once. Bounded, as Host is client input. */
const MEMO_LIMIT = 64;

function memoize<R>(check: (value: string) => R): (value: string) => R {
  const seen = new Map<string, R>();
  return (value) => {
    let result = seen.get(value);
    if (result === undefined) {
      result = check(value);
      if (seen.size < MEMO_LIMIT) seen.set(value, result);
    }
    return result;
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
