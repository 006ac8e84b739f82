import type { Logger } from 'pino';
import type { TraceContext } from './trace-context.ts';

/** What the transport knows about the request an SDK server instance serves. */
export interface RequestScope {
  /** Logger bound to the request id and trace id. */
  log: Logger;
  /** The HTTP request's trace context; absent over stdio, where each call's `_meta` may carry one. */
  trace?: TraceContext;
}
