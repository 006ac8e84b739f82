import {
  ProtocolError,
  ProtocolErrorCode,
  SdkError,
  SdkErrorCode,
  SdkHttpError,
  UnauthorizedError,
} from '@modelcontextprotocol/client';
import type { ScopeAbortReason } from './call-scope.ts';
import type { ToolUnavailableCode } from './tool-unavailable-error.ts';

export interface McpFailure {
  code: ToolUnavailableCode;
  /** The failure says the server cannot serve anything now: mark it down, hide its tools, reconnect. */
  serverDown: boolean;
  /** A short description for logs and `GET /api/tools` status (no secrets: never a URL or a token). */
  detail: string;
}

/**
 * Sorts what the SDK threw during an exchange with one server. What the scope aborted for comes first:
 * the SDK reports our own deadline and the caller's abort as generic errors.
 */
export function classifyMcpFailure(error: unknown, abortedBy?: ScopeAbortReason): McpFailure {
  if (abortedBy === 'cancelled') return { code: 'cancelled', serverDown: false, detail: 'cancelled by the caller' };
  if (abortedBy === 'timeout') return { code: 'timeout', serverDown: false, detail: 'timed out' };
  if (abortedBy === 'closed') return { code: 'server_unavailable', serverDown: false, detail: 'connection closed' };

  if (error instanceof ProtocolError) {
    // The kit answers `Unknown tool: x`; other SDK servers `Tool x not found`. Both are -32602.
    if (error.code === ProtocolErrorCode.InvalidParams && /unknown tool|not found/i.test(error.message)) {
      return { code: 'tool_not_found', serverDown: false, detail: 'unknown tool' };
    }
    return { code: 'protocol_error', serverDown: false, detail: `JSON-RPC error ${error.code}` };
  }
  if (error instanceof UnauthorizedError) {
    return { code: 'server_rejected', serverDown: true, detail: 'HTTP 401: check MCP_SERVICE_TOKEN' };
  }
  if (error instanceof SdkHttpError) return classifyHttpStatus(error.status);
  // The revision probe at connect wraps what went wrong underneath (a refused connection, a reset): sort that.
  if (error instanceof SdkError && error.code === SdkErrorCode.EraNegotiationFailed && error.cause !== undefined) {
    return classifyMcpFailure(error.cause);
  }
  if (error instanceof SdkError) {
    switch (error.code) {
      case SdkErrorCode.RequestTimeout:
        return { code: 'timeout', serverDown: false, detail: 'timed out' };
      case SdkErrorCode.ConnectionClosed:
      case SdkErrorCode.NotConnected:
      case SdkErrorCode.SendFailed:
        return { code: 'server_unavailable', serverDown: true, detail: `connection lost (${error.code})` };
      default:
        return { code: 'protocol_error', serverDown: false, detail: `invalid response (${error.code})` };
    }
  }
  // Anything else is the network: fetch's TypeError with ECONNREFUSED, ECONNRESET, DNS failures.
  return { code: 'server_unavailable', serverDown: true, detail: networkDetail(error) };
}

function classifyHttpStatus(status: number): McpFailure {
  const detail = `HTTP ${status}`;
  if (status === 401 || status === 403) {
    // Nothing will work with a wrong service token: hide the tools until a reconnect succeeds.
    return { code: 'server_rejected', serverDown: true, detail: `${detail}: check MCP_SERVICE_TOKEN` };
  }
  // Busy, not broken: its other calls may well succeed.
  if (status === 429) return { code: 'server_unavailable', serverDown: false, detail };
  // A wrong path, or a gateway with no healthy replica behind it.
  if (status === 404 || status === 408 || status >= 500)
    return { code: 'server_unavailable', serverDown: true, detail };
  // Other client faults (413 too large, 415, 400): this request, not the server.
  return { code: 'server_rejected', serverDown: false, detail };
}

/** Nothing reached the server: the connection was refused. */
const NOT_DELIVERED = new Set(['ECONNREFUSED']);
/** The connection broke with no answer: typically a keep-alive socket the server closed as it restarted. */
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/**
 * Whether a request that failed at the network may be sent once more at once, before the server is
 * declared down. A refused connection delivered nothing, so any request may be repeated (behind a load
 * balancer the next connection may reach a live replica). A dropped connection may have delivered it, so
 * it is repeated only when repeating is `harmless`: a listing, or a read-only or idempotent tool.
 */
export function mayRepeatRequest(error: unknown, harmless: boolean): boolean {
  const code = networkCode(error);
  if (code === undefined) return false;
  return NOT_DELIVERED.has(code) || (harmless && DROPPED.has(code));
}

function networkCode(error: unknown): string | undefined {
  if (error instanceof ProtocolError || error instanceof SdkError) return undefined;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function networkDetail(error: unknown): string {
  const code = networkCode(error);
  if (code) return `unreachable (${code})`;
  return error instanceof Error ? `unreachable (${error.name})` : 'unreachable';
}
