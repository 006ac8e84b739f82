import {
  type JSONRPCNotification,
  type JSONRPCRequest,
  PROTOCOL_VERSION_META_KEY,
  UnsupportedProtocolVersionError,
} from '@modelcontextprotocol/server';
import { MODERN_PROTOCOL_VERSIONS } from './protocol-revisions.ts';

/** JSON-RPC code of the 2026-07-28 revision for request headers that disagree with the body. */
const HEADER_MISMATCH = -32020;
const INVALID_PARAMS = -32602;

/** The body field each method's `Mcp-Name` header mirrors (2026-07-28, standard request headers). */
const NAME_SOURCE: Readonly<Record<string, 'name' | 'uri'>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
};

const BASE64_PREFIX = '=?base64?';
const BASE64_SUFFIX = '?=';
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface ModernHeaders {
  protocolVersion: string | undefined;
  method: string | undefined;
  name: string | undefined;
}

/** Why a 2026-era request is refused before it reaches a server: the HTTP status and the JSON-RPC error. */
export interface ModernRefusal {
  status: number;
  error: { code: number; message: string; data?: unknown };
}

/**
 * The HTTP-level checks of the 2026-07-28 revision for a message whose `_meta` (or header) claims it: the
 * claimed revision is one the kit serves, and the standard headers (which let proxies route without
 * reading bodies) are present and agree with the body. Returns the revision to serve, or the refusal.
 * The envelope's own content is checked after, by the SDK's protocol layer (an invalid one is a 400 too).
 *
 * Why not the SDK's `classifyInboundRequest`: it re-proves the JSON-RPC shape and the envelope with schema
 * guards that the protocol layer runs again, which measured at a quarter of a 2026-era call (decision 0018).
 */
export function checkModernRequest(
  message: JSONRPCRequest | JSONRPCNotification,
  headers: ModernHeaders,
): { revision: string } | ModernRefusal {
  const meta = (message.params as { _meta?: Record<string, unknown> } | undefined)?._meta;
  const claimed = meta && PROTOCOL_VERSION_META_KEY in meta ? meta[PROTOCOL_VERSION_META_KEY] : undefined;
  const header = headers.protocolVersion?.trim();
  if (typeof claimed !== 'string') {
    return refuse(
      INVALID_PARAMS,
      `Invalid _meta envelope for protocol revision ${header ?? 'unknown'}: ${PROTOCOL_VERSION_META_KEY} must name the revision`,
    );
  }
  if (header !== undefined && header !== claimed) {
    return mismatch(
      `the body envelope names protocol version ${claimed} but the MCP-Protocol-Version header names ${header.slice(0, 32)}`,
    );
  }
  const method = headers.method?.trim();
  if (method !== undefined && method !== message.method) {
    return mismatch(`the body names method ${message.method} but the Mcp-Method header names ${method.slice(0, 64)}`);
  }
  if (!MODERN_PROTOCOL_VERSIONS.includes(claimed)) {
    const error = new UnsupportedProtocolVersionError({ supported: [...MODERN_PROTOCOL_VERSIONS], requested: claimed });
    return refuse(error.code, error.message, error.data);
  }
  // Notifications are exempt from the presence rules.
  if (!('id' in message)) return { revision: claimed };
  if (header === undefined) return mismatch('the required MCP-Protocol-Version header is absent');
  if (method === undefined)
    return mismatch(`the body names method ${message.method} but the required Mcp-Method header is absent`);
  const field = Object.hasOwn(NAME_SOURCE, message.method) ? NAME_SOURCE[message.method] : undefined;
  const value = field ? (message.params as Record<string, unknown> | undefined)?.[field] : undefined;
  if (typeof value !== 'string') return { revision: claimed };
  if (headers.name === undefined)
    return mismatch(`the body carries params.${field} but the required Mcp-Name header is absent`);
  const named = decodeHeaderValue(headers.name.trim());
  if (named === undefined) return mismatch('the Mcp-Name header carries an invalid Base64 value');
  if (named !== value)
    return mismatch(`the body carries params.${field} "${value.slice(0, 64)}" but the Mcp-Name header names another`);
  return { revision: claimed };
}

/** Header values that are not plain ASCII travel as `=?base64?…?=`. */
function decodeHeaderValue(value: string): string | undefined {
  if (!(value.startsWith(BASE64_PREFIX) && value.endsWith(BASE64_SUFFIX))) return value;
  const encoded = value.slice(BASE64_PREFIX.length, -BASE64_SUFFIX.length);
  if (!CANONICAL_BASE64.test(encoded)) return undefined;
  return Buffer.from(encoded, 'base64').toString('utf8');
}

function mismatch(detail: string): ModernRefusal {
  return refuse(HEADER_MISMATCH, `Bad Request: the request headers and body disagree: ${detail}`);
}

function refuse(code: number, message: string, data?: unknown): ModernRefusal {
  return { status: 400, error: { code, message, ...(data === undefined ? {} : { data }) } };
}
