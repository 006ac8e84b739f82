import {
  type Context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Span,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** W3C trace context as it travels: `traceparent` and, when there is one, `tracestate`. */
export interface TraceHeaders {
  traceparent?: string;
  tracestate?: string;
}

/**
 * Our own propagator rather than the global one: a trace context is carried on every hop whether or not
 * this process records spans, so logs of the host and the MCP servers share one trace id even with
 * tracing off (a no-op span keeps its parent's context, which is then passed on unchanged).
 */
const W3C = new W3CTraceContextPropagator();

/**
 * The context whose remote parent is the given `traceparent`; `base` (default: the root context) when it
 * is absent or invalid: a bad header never fails a request.
 */
export function contextFromTraceHeaders(headers: TraceHeaders | undefined, base: Context = ROOT_CONTEXT): Context {
  if (!headers?.traceparent) return base;
  return W3C.extract(base, headers, defaultTextMapGetter);
}

/** The `traceparent`/`tracestate` that make the next hop a child of `span` (empty for an invalid span). */
export function traceHeadersOf(span: Span): TraceHeaders {
  const headers: TraceHeaders = {};
  W3C.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
  return headers;
}
