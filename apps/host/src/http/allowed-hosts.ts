import type { RequestHandler } from 'express';
import { ChatApiError } from '../chat/chat-api-error.ts';

/**
 * The `Host` values the host answers: each a name with an optional port (`shop.example`, `localhost:3000`,
 * `[::1]`); without a port, any port. `any` accepts every Host (set with `ALLOWED_HOSTS=*`, for a host
 * behind an ingress that checks Host itself).
 */
export type AllowedHosts = { any: true } | { any: false; entries: readonly HostEntry[] };

interface HostEntry {
  name: string;
  port?: string;
}

/**
 * What a host bound to loopback answers without `ALLOWED_HOSTS`: the names a browser on this machine uses
 * (localhost, 127.0.0.1, [::1]), on any port.
 */
export const LOOPBACK_ALLOWED_HOSTS: AllowedHosts = {
  any: false,
  entries: [{ name: 'localhost' }, { name: '127.0.0.1' }, { name: '[::1]' }],
};

/** Probes carry the pod IP as Host (kubelet), and answer nothing a rebinding page could use. */
export const HOST_CHECK_EXEMPT_PATHS: readonly string[] = ['/healthz', '/readyz'];

/** RFC 1123 names, IPv4 literals, and IPv6 literals in brackets, each with an optional port. */
const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:(\d{1,5}))?$/;

/**
 * Reads `ALLOWED_HOSTS` (comma-separated `host[:port]`, or `*`). Throws an Error whose message names the bad
 * entry.
 */
export function parseAllowedHosts(value: string): AllowedHosts {
  const entries = value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  if (entries.includes('*')) {
    if (entries.length > 1) throw new Error('"*" (any Host) cannot be combined with names');
    return { any: true };
  }
  if (entries.length === 0) throw new Error('must list host[:port] names, or "*" for any');
  return {
    any: false,
    entries: entries.map((entry) => {
      const parsed = parseHost(entry);
      if (!parsed) throw new Error(`has "${entry}", which is not host[:port] (IPv6 in brackets: [::1]:3000)`);
      return parsed;
    }),
  };
}

/**
 * Without `ALLOWED_HOSTS`: the loopback names when the host listens on loopback only. Listening anywhere
 * else, the names the public uses cannot be guessed, so it returns undefined and startup asks for them.
 */
export function defaultAllowedHosts(bindHost: string): AllowedHosts | undefined {
  const loopback = bindHost === 'localhost' || bindHost === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bindHost);
  return loopback ? LOOPBACK_ALLOWED_HOSTS : undefined;
}

/** Whether a request's `Host` header names this host. */
export function isAllowedHost(allowed: AllowedHosts, host: string | undefined): boolean {
  if (allowed.any) return true;
  const parsed = host === undefined ? undefined : parseHost(host.toLowerCase().replace(/\.(?=:|$)/, ''));
  if (!parsed) return false;
  return allowed.entries.some(
    (entry) => entry.name === parsed.name && (entry.port === undefined || entry.port === parsed.port),
  );
}

/**
 * Answers 421 `misdirected_request` to a request whose `Host` is not one of this host's names, before any
 * route runs: a DNS-rebinding page (its own name resolving to this host) can then read nothing, neither the
 * demo tokens nor a chat. The probes are exempt.
 */
export function checkHost(allowed: AllowedHosts): RequestHandler {
  return (req, _res, next) => {
    if (isAllowedHost(allowed, req.headers.host) || HOST_CHECK_EXEMPT_PATHS.includes(req.path)) return next();
    next(new ChatApiError('misdirected_request', 'This host does not answer for that Host name.'));
  };
}

function parseHost(text: string): HostEntry | undefined {
  const match = HOST_PATTERN.exec(text);
  if (!match?.[1]) return undefined;
  const port = match[6];
  if (port !== undefined && Number(port) > 65_535) return undefined;
  return { name: match[1], ...(port !== undefined ? { port } : {}) };
}
