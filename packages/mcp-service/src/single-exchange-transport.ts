import type {
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  JSONRPCResponse,
  Transport,
} from '@modelcontextprotocol/server';
import { isJSONRPCErrorResponse, isJSONRPCResultResponse } from '@modelcontextprotocol/server';

/**
 * An SDK `Transport` whose whole life is one HTTP exchange: one JSON-RPC message in, at most one
 * response out, answered as a plain JSON body (the Streamable HTTP spec's JSON response mode).
 *
 * Why not the SDK's own HTTP transports: they convert every Node request into a web `Request` and back
 * and measured at 0.3x a bare express endpoint; this keeps the SDK `Server` for everything protocol
 * (dispatch, validation, initialize, errors) and measured at 0.6x (docs/decisions/0002). Notifications a
 * handler emits mid-call (progress, logging) are dropped, exactly as the SDK's `responseMode: 'json'`
 * does: none of our tools stream.
 */
export class SingleExchangeTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  #awaiting: { id: JSONRPCRequest['id']; resolve: (response: JSONRPCResponse | undefined) => void } | undefined;
  #closed = false;

  async start(): Promise<void> {}

  /** Delivers a request and resolves with its response, or `undefined` when the exchange was closed first. */
  exchange(request: JSONRPCRequest): Promise<JSONRPCResponse | undefined> {
    const { promise, resolve } = Promise.withResolvers<JSONRPCResponse | undefined>();
    this.#awaiting = { id: request.id, resolve };
    this.#deliver(request);
    return promise;
  }

  /** Delivers a notification (or a client's response), which gets no answer. */
  notify(message: JSONRPCNotification): void {
    this.#deliver(message);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const awaiting = this.#awaiting;
    if (!awaiting || this.#closed) return;
    if ((isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) && message.id === awaiting.id) {
      this.#awaiting = undefined;
      awaiting.resolve(message);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#awaiting?.resolve(undefined);
    this.#awaiting = undefined;
    this.onclose?.();
  }

  #deliver(message: JSONRPCMessage): void {
    if (!this.onmessage) throw new Error('SingleExchangeTransport: connect a server before delivering messages');
    this.onmessage(message);
  }
}
