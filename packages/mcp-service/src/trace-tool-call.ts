import { TRACEPARENT_META_KEY, TRACESTATE_META_KEY } from '@modelcontextprotocol/server';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { contextFromTraceHeaders, isTracingEnabled, markSpanFailed, traceHeadersOf } from '@shopchat/telemetry';
import type { RequestScope } from './request-scope.ts';
import { ERROR_CODE_META_KEY, PREVIEW_META_KEY, type ToolCallResult } from './tool-executor.ts';
import { continueTrace, type TraceContext } from './trace-context.ts';

const tracer = trace.getTracer('@shopchat/mcp-service');

export interface ToolCallTraceInput {
  /** The tool name as the client sent it. */
  name: string;
  /** Whether this server has the tool: an unknown name never becomes a span name (clients choose it). */
  known: boolean;
  /** The request's `_meta`, where the caller's `traceparent`/`tracestate` travel (SEP-414). */
  meta: Record<string, unknown>;
  scope: RequestScope;
}

export interface ToolCallTrace {
  /** The call's trace context for the handler: the server span's, so a tool's own downstream calls continue it. */
  trace: TraceContext;
  /** The request's log bindings, with the ids of this call's span. */
  bindings: Readonly<Record<string, string>>;
  /** Runs the call inside its span (so database queries are its children), then ends the span. */
  run(work: () => Promise<ToolCallResult>): Promise<ToolCallResult>;
}

/**
 * The server span of one `tools/call` (`tools/call get_order`, MCP semantic conventions), a child of the
 * caller's span: from `_meta` first, where the MCP specification carries it across any transport, else
 * from the HTTP `traceparent` header. A result with `isError` marks the span failed with the result's
 * error code; a preview does not (it answers `isError` only for clients' sake). With tracing off there is
 * no span at all: the call keeps the ids its log lines already carry, at the cost of one check.
 */
export function traceToolCall(input: ToolCallTraceInput): ToolCallTrace {
  const { meta, scope } = input;
  const metaTraceparent = asString(meta[TRACEPARENT_META_KEY]);
  const metaTracestate = asString(meta[TRACESTATE_META_KEY]);
  if (!isTracingEnabled()) {
    const untraced = logTrace(scope, metaTraceparent, metaTracestate);
    return { ...untraced, run: (work) => work() };
  }
  const parent = contextFromTraceHeaders(
    metaTraceparent
      ? { traceparent: metaTraceparent, ...(metaTracestate ? { tracestate: metaTracestate } : {}) }
      : scope.traceHeaders,
  );
  const span = tracer.startSpan(
    input.known ? `tools/call ${input.name}` : 'tools/call',
    {
      kind: SpanKind.SERVER,
      attributes: {
        'mcp.method.name': 'tools/call',
        'gen_ai.operation.name': 'execute_tool',
        ...(input.known ? { 'gen_ai.tool.name': input.name } : {}),
        ...(meta[PREVIEW_META_KEY] === true ? { 'shopchat.tool.preview': true } : {}),
      },
    },
    parent,
  );

  let ids: Pick<ToolCallTrace, 'trace' | 'bindings'>;
  if (span.isRecording()) {
    const { traceId, spanId } = span.spanContext();
    const headers = traceHeadersOf(span);
    const parentSpanId = trace.getSpanContext(parent)?.spanId;
    ids = {
      trace: {
        traceId,
        spanId,
        ...(parentSpanId ? { parentSpanId } : {}),
        traceparent: headers.traceparent ?? '',
        ...(headers.tracestate ? { tracestate: headers.tracestate } : {}),
      },
      bindings: { ...scope.bindings, traceId, spanId },
    };
  } else {
    // Sampled out: the ids the request's log lines already carry.
    ids = logTrace(scope, metaTraceparent, metaTracestate);
  }

  return {
    ...ids,
    async run(work) {
      try {
        const result = await context.with(trace.setSpan(parent, span), work);
        if (result.isError && result._meta?.[PREVIEW_META_KEY] !== true) {
          const code = result._meta?.[ERROR_CODE_META_KEY];
          markSpanFailed(span, typeof code === 'string' ? code : 'tool_error');
        }
        return result;
      } catch (error) {
        // A JSON-RPC error (an unknown tool): its numeric code, as the MCP conventions ask.
        const code = (error as { code?: unknown } | null)?.code;
        markSpanFailed(span, code === undefined ? '_OTHER' : String(code));
        throw error;
      } finally {
        span.end();
      }
    },
  };
}

/**
 * The call's trace context without a span of its own: the HTTP request's (whose ids its log lines carry),
 * or, when `_meta` names another parent (or over stdio, where there are no headers), one continuing that.
 */
function logTrace(
  scope: RequestScope,
  metaTraceparent: string | undefined,
  metaTracestate: string | undefined,
): Pick<ToolCallTrace, 'trace' | 'bindings'> {
  if (scope.trace && (!metaTraceparent || metaTraceparent === scope.traceHeaders?.traceparent)) {
    return { trace: scope.trace, bindings: scope.bindings };
  }
  const callTrace: TraceContext = continueTrace(metaTraceparent, metaTracestate);
  return { trace: callTrace, bindings: { ...scope.bindings, traceId: callTrace.traceId, spanId: callTrace.spanId } };
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
