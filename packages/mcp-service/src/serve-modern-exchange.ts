import type { JSONRPCRequest, MessageClassification, Server } from '@modelcontextprotocol/server';
import { PerRequestHTTPServerTransport, SdkError, SdkErrorCode } from '@modelcontextprotocol/server';

/** What one exchange answered: the HTTP status, the JSON body, and whether it carries a JSON-RPC error. */
export interface ExchangeAnswer {
  status: number;
  body: string;
  failed: boolean;
}

/**
 * Serves one 2026-07-28 request on `server` through the SDK's per-request transport, which binds the
 * instance to the revision the request names (the era is instance state in the SDK: a 2025 `initialize`
 * never happens on this path). The transport answers in the JSON response mode; its web `Response` is
 * read back here, so the Node response is written in one place for both eras. `undefined`: the client
 * went away first (`close` was called).
 */
export async function serveModernExchange(
  server: Server,
  request: JSONRPCRequest,
  classification: MessageClassification,
  onTransport: (close: () => Promise<void>) => void,
): Promise<ExchangeAnswer | undefined> {
  const transport = new PerRequestHTTPServerTransport({ classification, responseMode: 'json' });
  onTransport(() => transport.close());
  await server.connect(transport);
  try {
    const response = await transport.handleMessage(request);
    const body = await response.text();
    return { status: response.status, body, failed: response.status !== 200 || 'error' in JSON.parse(body) };
  } catch (error) {
    if (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed) return undefined;
    throw error;
  }
}
