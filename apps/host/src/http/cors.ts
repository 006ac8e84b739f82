import { ConfigError } from '@shopchat/mcp-service';
import type { RequestHandler } from 'express';
import { ChatApiError } from '../chat/chat-api-error.ts';
import { type AllowedHosts, isAllowedHost, LOOPBACK_ALLOWED_HOSTS } from './allowed-hosts.ts';

export interface CorsOptions {
  /**
   * Origins of the shop's pages that may call the API from a browser (`https://shop.example`), or `*` for
   * any. The API authenticates with a bearer token, never cookies, so no answer allows credentials and a
   * wildcard cannot expose a signed-in session.
   */
  allowedOrigins: readonly string[];
  /** How long a browser may cache a preflight answer, in seconds. */
  maxAgeSeconds?: number;
  /**
   * This host's own names (`ALLOWED_HOSTS`); the loopback names by default. A page counts as same-origin only
   * when its origin is the request's Host *and* that Host is one of these: the client chooses its Host header,
   * so a DNS-rebinding page (Origin and Host both its own name) must not pass as the host's own page.
   */
  allowedHosts?: AllowedHosts;
}

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = 'authorization, content-type, traceparent, tracestate, x-request-id';
const EXPOSED_HEADERS = 'retry-after, x-request-id, x-vercel-ai-ui-message-stream';
/** Ten minutes: browsers cap it around there anyway. */
const DEFAULT_MAX_AGE_SECONDS = 600;

/**
 * CORS with an allow-list of the shop's origins. Same-origin pages (the demo shop served by the host) pass
 * untouched; an allowed origin gets CORS headers and preflights a 204; any other origin is refused with
 * 403 `origin_not_allowed` before the request does anything.
 */
export function createCors(options: CorsOptions): RequestHandler {
  const anyOrigin = options.allowedOrigins.includes('*');
  const allowed = new Set(options.allowedOrigins);
  const maxAge = String(options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS);
  const ownHosts = options.allowedHosts ?? LOOPBACK_ALLOWED_HOSTS;
  return (req, res, next) => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS';
    if (!origin || isSameOrigin(origin, req.headers.host, ownHosts)) {
      if (preflight) return void res.set('allow', ALLOWED_METHODS).status(204).end();
      return next();
    }
    if (!anyOrigin && !allowed.has(origin)) {
      return next(new ChatApiError('origin_not_allowed', `Origin ${origin} may not call this API from a browser.`));
    }
    res.vary('origin');
    res.set('access-control-allow-origin', anyOrigin ? '*' : origin);
    res.set('access-control-expose-headers', EXPOSED_HEADERS);
    if (!preflight) return next();
    res.set({
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': maxAge,
    });
    res.status(204).end();
  };
}

function isSameOrigin(origin: string, host: string | undefined, ownHosts: AllowedHosts): boolean {
  if (host === undefined || !isAllowedHost(ownHosts, host)) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * Reads `CORS_ALLOWED_ORIGINS` (comma-separated origins, or `*`); unset means same-origin only. Throws a
 * {@link ConfigError} naming the variable for anything that is not a bare origin.
 */
export function parseAllowedOrigins(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (entry === '*') continue;
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== entry) {
      throw new ConfigError(
        'CORS_ALLOWED_ORIGINS',
        `has "${entry}", which is not an origin: write scheme://host[:port] without a path or trailing slash`,
      );
    }
  }
  return entries;
}
