import { type Span, SpanStatusCode } from '@opentelemetry/api';

/**
 * Marks `span` as failed: status ERROR and `error.type` (a stable code, like `timeout`, `23505` or
 * `server_unavailable`). Deliberately without the error's message or stack: messages of drivers and
 * servers can quote input values (customer data), and traces are kept and shared longer than logs.
 */
export function markSpanFailed(span: Span, errorType: string): void {
  span.setAttribute('error.type', errorType);
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
}
