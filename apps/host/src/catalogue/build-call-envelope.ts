import { TRACEPARENT_META_KEY, TRACESTATE_META_KEY } from '@modelcontextprotocol/client';
import {
  CUSTOMER_TOKEN_META_KEY,
  type CustomerTokenSigner,
  IDEMPOTENCY_KEY_META_KEY,
  PREVIEW_META_KEY,
} from '@shopchat/mcp-service';
import { ToolUnavailableError } from './tool-unavailable-error.ts';

/** What travels beside a `tools/call`'s arguments: `_meta` for the server, HTTP headers for the wire. */
export interface CallEnvelope {
  _meta: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface CallEnvelopeOptions {
  /** The receiving server's configured name: the token's audience. */
  server: string;
  tool: string;
  customerId?: string | undefined;
  signer?: CustomerTokenSigner | undefined;
  traceparent?: string | undefined;
  tracestate?: string | undefined;
  /** Ask the server to describe the call instead of running it (for an approval card). */
  preview?: boolean | undefined;
  /** Same for a call repeated after a crash, so a server with side effects acts once (`_meta`). */
  idempotencyKey?: string | undefined;
}

/**
 * The customer's identity token (a fresh one per call, valid at this server only, so a token leaked by
 * one server is useless at the others; none for an anonymous visitor) and the W3C trace context, in
 * `_meta` and as `traceparent`/`tracestate` headers. A customer without a signer throws rather than
 * calling anonymously: the server would answer "please sign in" to someone who is signed in.
 */
export async function buildCallEnvelope(options: CallEnvelopeOptions): Promise<CallEnvelope> {
  const _meta: Record<string, unknown> = {};
  const headers: Record<string, string> = {};
  if (options.customerId !== undefined) {
    if (!options.signer) {
      throw new ToolUnavailableError('identity_unavailable', { server: options.server, tool: options.tool });
    }
    _meta[CUSTOMER_TOKEN_META_KEY] = await options.signer.sign(options.customerId, options.server);
  }
  if (options.preview) _meta[PREVIEW_META_KEY] = true;
  else if (options.idempotencyKey) _meta[IDEMPOTENCY_KEY_META_KEY] = options.idempotencyKey;
  if (options.traceparent) {
    _meta[TRACEPARENT_META_KEY] = options.traceparent;
    headers.traceparent = options.traceparent;
    if (options.tracestate) {
      _meta[TRACESTATE_META_KEY] = options.tracestate;
      headers.tracestate = options.tracestate;
    }
  }
  return { _meta, headers };
}
