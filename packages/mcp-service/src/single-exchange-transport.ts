import type {
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  JSONRPCResponse,
  MessageClassification,
} from '@modelcontextprotocol/server';
import { PerRequestHTTPServerTransport } from '@modelcontextprotocol/server';

/**
 * HTTP statuses of the 2026-07-28 revision for errors the protocol layer answers before any handler runs
 * (unknown method, unsupported revision, …); a handler's own error is an ordinary 200 answer.
 */
const DISPATCH_ERROR_STATUS: Readonly<Record<number, number>> = {
  [-32700]: 400,
  [-32600]: 400,
  [-32601]: 404,
  [-32022]: 400,
  [-32021]: 400,
  [-32020]: 400,
  // The envelope of a 2026-07-28 request, checked by the protocol layer before dispatch.
  [-32602]: 400,
};

/** One exchange's answer: the JSON-RPC response and the HTTP status it goes out with. */
export interface ExchangeResponse {
  message: JSONRPCResponse;
  status: number;
}

/**
 * An SDK `Transport` that carries one HTTP exchange at a time: one JSON-RPC message in, at most one
 * response out, answered as a plain JSON body (the Streamable HTTP spec's JSON response mode). A pooled
 * server keeps its transport across exchanges (`ServerPool`); closing it (the client went away) ends it.
 *
 * Why not the SDK's own HTTP transports: they convert every Node request into a web `Request` and the
 * answer into a web `Response`; that conversion and their per-message schema checks measured at 0.3x a
 * bare express endpoint, this at 0.6x (docs/decisions/0001, 0018). It extends the SDK's per-request
 * transport only for what that class means to the SDK: `Server.connect` binds a server to the revision
 * a 2026-07-28 request was classified under (the era is instance state in the SDK). Delivery and answer
 * are this class's own. Notifications a handler emits mid-call (progress, logging) are dropped, exactly
 * as the SDK's `responseMode: 'json'` does: none of our tools stream.
 */
export class SingleExchangeTransport extends PerRequestHTTPServerTransport {
  readonly #classification: MessageClassification | undefined;
  #awaiting: { id: JSONRPCRequest['id']; resolve: (response: ExchangeResponse | undefined) => void } | undefined;
  #dispatching = false;
  #closed = false;

  /** `classification`: the SDK classifier's verdict for a 2026-07-28 request; none for 2025-era traffic. */
  constructor(classification?: MessageClassification) {
    super({ classification: classification ?? { era: 'legacy' }, responseMode: 'json' });
    this.#classification = classification;
  }

  override async start(): Promise<void> {}

  /** Whether the transport was closed: its server is detached and must not serve again. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Delivers a request and resolves with its response, or `undefined` when the exchange was closed first. */
  exchange(request: JSONRPCRequest): Promise<ExchangeResponse | undefined> {
    if (this.#awaiting) throw new Error('SingleExchangeTransport: one exchange at a time; the previous one is open');
    const { promise, resolve } = Promise.withResolvers<ExchangeResponse | undefined>();
    this.#awaiting = { id: request.id, resolve };
    // Errors sent while the message is still being delivered come from the protocol layer's own checks.
    this.#dispatching = true;
    try {
      this.#deliver(request);
    } finally {
      this.#dispatching = false;
    }
    return promise;
  }

  /** Delivers a notification (or a client's response), which gets no answer. */
  notify(message: JSONRPCNotification): void {
    this.#deliver(message);
  }

  override async send(message: JSONRPCMessage): Promise<void> {
    const awaiting = this.#awaiting;
    if (!awaiting || this.#closed) return;
    // Only the server's own protocol layer sends here, so the envelope needs no schema check.
    const response = message as Partial<JSONRPCResponse>;
    if (response.id !== awaiting.id || !('result' in response || 'error' in response)) return;
    this.#awaiting = undefined;
    const code = 'error' in response ? response.error?.code : undefined;
    const status =
      this.#classification && this.#dispatching && code !== undefined ? DISPATCH_ERROR_STATUS[code] : undefined;
    awaiting.resolve({ message: response as JSONRPCResponse, status: status ?? 200 });
  }

  override async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#awaiting?.resolve(undefined);
    this.#awaiting = undefined;
    this.onclose?.();
  }

  #deliver(message: JSONRPCMessage): void {
    if (!this.onmessage) throw new Error('SingleExchangeTransport: connect a server before delivering messages');
    this.onmessage(message, this.#classification ? { classification: this.#classification } : undefined);
  }
}
