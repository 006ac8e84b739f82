import type { TraceHeaders } from '@shopchat/telemetry';
import type { Logger } from 'pino';
import type { TraceContext } from './trace-context.ts';

/** What the transport knows about the request an SDK server instance serves. */
export interface RequestScope {
  /** The service's logger; write request lines with {@link RequestScope.bindings}. */
  log: Logger;
  /**
   * Request id and trace ids to put on every line about this request. Kept as fields rather than a pino
   * child logger made per request: most requests log one line, and a child per request cost more than it.
   */
  bindings: Readonly<Record<string, string>>;
  /** The HTTP request's trace context; absent over stdio, where each call's `_meta` may carry one. */
  trace?: TraceContext;
  /** The `traceparent`/`tracestate` headers as received: a tool call's span parent when its `_meta` has none. */
  traceHeaders?: TraceHeaders;
}
