import { SpanKind, trace } from '@opentelemetry/api';
import { contextFromTraceHeaders, markSpanFailed, traceHeadersOf } from '@shopchat/telemetry';
import type { RequestHandler, Response } from 'express';

const tracer = trace.getTracer('@shopchat/host');

/** Where the request span's `traceparent` waits for the route handler. */
const TRACEPARENT_LOCAL = 'traceparent';

/**
 * A server span for each request of one route (`POST /api/chat`, HTTP semantic conventions), continuing
 * the caller's W3C `traceparent`/`tracestate` (a widget or a shop's backend may send them); an invalid
 * header starts a new trace rather than failing the request. The span ends when the response closes,
 * stream included; only a 5xx marks it failed (a 4xx is the client's fault, not the server's).
 */
export function traceServerRequest(route: string): RequestHandler {
  return (req, res, next) => {
    const traceparent = req.headers.traceparent;
    const tracestate = req.headers.tracestate;
    const parent = contextFromTraceHeaders(
      typeof traceparent === 'string'
        ? { traceparent, ...(typeof tracestate === 'string' ? { tracestate } : {}) }
        : undefined,
    );
    const span = tracer.startSpan(
      `${req.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'http.route': route,
          'url.path': req.path,
          'url.scheme': req.protocol,
        },
      },
      parent,
    );
    res.locals[TRACEPARENT_LOCAL] = traceHeadersOf(span).traceparent;
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) markSpanFailed(span, String(res.statusCode));
      span.end();
    });
    next();
  };
}

/**
 * The `traceparent` of the request span started by {@link traceServerRequest}: what the work the request
 * starts (a turn, here or on a queue worker) continues. With tracing off it is the caller's own, if valid.
 */
export function requestTraceparent(res: Response): string | undefined {
  const value = res.locals[TRACEPARENT_LOCAL];
  return typeof value === 'string' ? value : undefined;
}
