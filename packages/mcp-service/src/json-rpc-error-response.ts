import type { Response } from 'express';

/** JSON-RPC error codes this layer answers with before a message reaches the SDK. */
export const JSON_RPC = {
  parseError: -32700,
  invalidRequest: -32600,
  internalError: -32603,
  /** Implementation-defined server error range: refused by an HTTP-level check. */
  refused: -32000,
} as const;

/**
 * Answers with a JSON-RPC error body (`id: null`: the request was not understood far enough to echo its
 * id). Every refusal on /mcp has this shape, so MCP clients can show the message.
 */
export function sendJsonRpcError(
  res: Response,
  status: number,
  code: number,
  message: string,
  headers?: Record<string, string>,
): void {
  if (headers) res.set(headers);
  res.status(status).json({ jsonrpc: '2.0', id: null, error: { code, message } });
}
