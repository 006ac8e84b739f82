import { randomBytes } from 'node:crypto';

/** W3C trace context of one request (https://www.w3.org/TR/trace-context/). */
export interface TraceContext {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters: this service's span for the request. */
  spanId: string;
  /** The caller's span, when the request carried a `traceparent`. */
  parentSpanId?: string;
  /** The `traceparent` header to send on downstream calls. */
  traceparent: string;
  tracestate?: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

/**
 * Continues the caller's trace when `traceparent` is valid, or starts a new one. An invalid header is
 * ignored rather than rejected: tracing must never fail a request.
 */
export function continueTrace(traceparent?: string | null, tracestate?: string | null): TraceContext {
  const spanId = randomBytes(8).toString('hex');
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  if (match?.[1] && match[2] && match[3] && match[1] !== ZERO_TRACE && match[2] !== ZERO_SPAN) {
    const [, traceId, parentSpanId, flags] = match;
    return {
      traceId,
      spanId,
      parentSpanId,
      traceparent: `00-${traceId}-${spanId}-${flags}`,
      ...(tracestate ? { tracestate } : {}),
    };
  }
  const traceId = randomBytes(16).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}
