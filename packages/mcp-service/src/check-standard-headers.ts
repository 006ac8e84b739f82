import type { JSONRPCRequest } from '@modelcontextprotocol/server';

/** JSON-RPC code of the 2026-07-28 revision for request headers that disagree with the body. */
export const HEADER_MISMATCH = -32020;

/** The body field each method's `Mcp-Name` header mirrors (2026-07-28, standard request headers). */
const NAME_SOURCE: Readonly<Record<string, 'name' | 'uri'>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
};

const BASE64_PREFIX = '=?base64?';
const BASE64_SUFFIX = '?=';
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface StandardHeaders {
  protocolVersion: string | undefined;
  method: string | undefined;
  name: string | undefined;
}

/**
 * The header half of the 2026-07-28 request checks that the SDK's classifier leaves to the HTTP entry:
 * every request names its revision and method in headers (so proxies can route without reading bodies),
 * and `Mcp-Name` mirrors the tool name or resource URI. Values that disagree with the body are refused,
 * as a proxy may have acted on them. Returns the refusal's message, or `undefined` when all is in order.
 */
export function checkStandardHeaders(request: JSONRPCRequest, headers: StandardHeaders): string | undefined {
  if (headers.protocolVersion === undefined) return 'the required MCP-Protocol-Version header is absent';
  if (headers.method === undefined)
    return `the body names method ${request.method} but the required Mcp-Method header is absent`;
  const field = Object.hasOwn(NAME_SOURCE, request.method) ? NAME_SOURCE[request.method] : undefined;
  if (!field) return undefined;
  const value = (request.params as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'string') return undefined;
  if (headers.name === undefined) return `the body carries params.${field} but the required Mcp-Name header is absent`;
  const decoded = decodeHeaderValue(headers.name.trim());
  if (decoded === undefined) return 'the Mcp-Name header carries an invalid Base64 value';
  if (decoded !== value)
    return `the body carries params.${field}="${value.slice(0, 64)}" but the Mcp-Name header names another`;
  return undefined;
}

/** Header values that are not plain ASCII travel as `=?base64?…?=`. */
function decodeHeaderValue(value: string): string | undefined {
  if (!(value.startsWith(BASE64_PREFIX) && value.endsWith(BASE64_SUFFIX))) return value;
  const encoded = value.slice(BASE64_PREFIX.length, -BASE64_SUFFIX.length);
  if (!CANONICAL_BASE64.test(encoded)) return undefined;
  return Buffer.from(encoded, 'base64').toString('utf8');
}
