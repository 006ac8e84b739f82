import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { Logger } from 'pino';
import type { IdentityResult } from './customer-identity.ts';
import type { ToolContext } from './define-tool.ts';
import { describeInvalidArguments } from './describe-invalid-arguments.ts';
import type { ServiceMetrics, ToolOutcomeLabel } from './service-metrics.ts';
import type { ToolCatalogue } from './tool-catalogue.ts';
import type { TraceContext } from './trace-context.ts';

/** The `_meta` key under which an error result carries its stable machine-readable code. */
export const ERROR_CODE_META_KEY = 'dev.shopchat/error-code';

/**
 * Set to `true` in a `tools/call` request's `_meta` to get the tool's preview instead of running it: a
 * sentence saying exactly what the call would do, for the customer's approval card. Nothing changes. The
 * answer carries the same key set to `true`, and `isError` (see the executor) because it has no structured
 * output: a client reads the text when the key is set.
 */
export const PREVIEW_META_KEY = 'dev.shopchat/preview';

/**
 * A `tools/call` request's `_meta` key for the call's idempotency key: the host derives it from the turn
 * and the tool call, so a call repeated after a crash (a turn retried on another worker) carries the same
 * key, and a tool with side effects can answer the first call's outcome instead of acting twice.
 */
export const IDEMPOTENCY_KEY_META_KEY = 'dev.shopchat/idempotency-key';

/** What an idempotency key may look like: printable, short enough to index. Anything else is ignored. */
const IDEMPOTENCY_KEY = /^[\w.:-]{8,128}$/;

/** The request's idempotency key when it is well-formed; otherwise none (the call runs as without one). */
export function readIdempotencyKey(value: unknown): string | undefined {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(value) ? value : undefined;
}

/** The result shape of `tools/call` (a subset of the SDK's `CallToolResult`). */
export interface ToolCallResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

export interface ToolCallRequest {
  name: string;
  arguments: unknown;
  /** The identity token from the request's `_meta`, if any. */
  customerToken: unknown;
  /** Describe the call (the tool's `preview`) instead of running it. */
  preview?: boolean;
  /** From `_meta` ({@link IDEMPOTENCY_KEY_META_KEY}), already checked by {@link readIdempotencyKey}. */
  idempotencyKey?: string | undefined;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  trace: TraceContext;
  log: Logger;
  /** Request id and trace ids for every log line about this call. */
  bindings: Readonly<Record<string, string>>;
}

export interface ToolExecutorOptions {
  service: string;
  catalogue: ToolCatalogue;
  identify: (token: unknown) => Promise<IdentityResult>;
  metrics: ServiceMetrics;
  /** Default per-call timeout in milliseconds. */
  toolTimeoutMs: number;
  /** What an anonymous caller of a `needsCustomer` tool is told; default {@link DEFAULT_SIGN_IN_MESSAGE}. */
  signInMessage?: string;
  now?: () => number;
}

/**
 * What an anonymous caller of a `needsCustomer` tool is told unless the server words it for its own data
 * (`signInMessage` of `createMcpService`: the orders server adds that no order details may be guessed).
 */
export const DEFAULT_SIGN_IN_MESSAGE =
  'Please sign in first: this needs a signed-in customer, and the visitor is not signed in.';

const IDENTITY_MESSAGES: Record<Exclude<IdentityResult, { ok: true }>['reason'], string> = {
  expired: 'Your sign-in has expired. Please sign in again and retry.',
  wrong_audience: 'Your sign-in could not be verified for this service. Please sign in again.',
  invalid: 'Your sign-in could not be verified. Please sign in again.',
  not_accepted: 'This service does not accept sign-ins right now, so it can only serve anonymous requests.',
};

/**
 * Runs one `tools/call`: identity, argument validation, the handler under a deadline, output validation,
 * metrics and one audit log line. Everything a client can cause becomes an `isError` result; only an
 * unknown tool is a protocol error, as the MCP specification asks.
 */
export function createToolExecutor(options: ToolExecutorOptions) {
  const now = options.now ?? Date.now;
  // Label-bound metric children, looked up once per tool and outcome instead of hashing labels per call.
  const counters = new Map<string, ReturnType<ServiceMetrics['toolCalls']['labels']>>();
  const histograms = new Map<string, ReturnType<ServiceMetrics['toolCallDuration']['labels']>>();
  const counterFor = (tool: string, outcome: ToolOutcomeLabel) => {
    const key = `${tool}\u0000${outcome}`;
    let child = counters.get(key);
    if (!child) {
      child = options.metrics.toolCalls.labels({ tool, outcome });
      counters.set(key, child);
    }
    return child;
  };
  const histogramFor = (tool: string) => {
    let child = histograms.get(tool);
    if (!child) {
      child = options.metrics.toolCallDuration.labels({ tool });
      histograms.set(tool, child);
    }
    return child;
  };

  return async function executeToolCall(request: ToolCallRequest): Promise<ToolCallResult> {
    const tool = options.catalogue.get(request.name);
    if (!tool) {
      options.metrics.unknownToolCalls.inc();
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${request.name.slice(0, 64)}`);
    }
    const started = now();
    const base = request.log;
    const bindings = { ...request.bindings, tool: tool.name };
    const finish = (outcome: ToolOutcomeLabel, result: ToolCallResult, detail?: Record<string, unknown>) => {
      const seconds = (now() - started) / 1000;
      counterFor(tool.name, outcome).inc();
      histogramFor(tool.name).observe(seconds);
      // The audit line: who, what, outcome, duration. Argument values never appear (personal data).
      base.info({ ...bindings, outcome, durationMs: Math.round(seconds * 1000), ...detail }, 'tool call');
      return result;
    };

    const identity = await options.identify(request.customerToken);
    if (!identity.ok) {
      return finish('denied', failure('identity_invalid', IDENTITY_MESSAGES[identity.reason]), {
        reason: identity.reason,
      });
    }
    const caller = identity.caller;
    const who = caller.kind === 'customer' ? caller.customerId : 'anonymous';
    if (tool.needsCustomer && caller.kind !== 'customer') {
      return finish('denied', failure('sign_in_required', options.signInMessage ?? DEFAULT_SIGN_IN_MESSAGE), { who });
    }

    const parsed = tool.input.safeParse(request.arguments ?? {});
    if (!parsed.success) {
      return finish('invalid', failure('invalid_arguments', describeInvalidArguments(parsed.error)), {
        who,
        fields: parsed.error.issues.map((issue) => issue.path.join('.')),
      });
    }

    const timeoutMs = tool.timeoutMs ?? options.toolTimeoutMs;
    const deadline = createDeadline(request.signal, timeoutMs);
    const signal = deadline.signal;
    let handlerLog: Logger | undefined;
    const context: ToolContext = {
      caller,
      get log() {
        handlerLog ??= base.child(bindings);
        return handlerLog;
      },
      signal,
      deadline: started + timeoutMs,
      trace: request.trace,
      ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
    };
    try {
      if (request.preview) {
        if (!tool.preview)
          return finish('failed', failure('preview_unavailable', `${tool.name} has no preview.`), { who });
        const sentence = await raceAbort(tool.preview(parsed.data, context as never), signal);
        if (typeof sentence !== 'string') {
          const refusal = sentence.ok ? `${tool.name} has no preview.` : sentence.message;
          const code = sentence.ok ? 'preview_unavailable' : sentence.code;
          return finish('failed', failure(code, refusal), { who, preview: true, code });
        }
        // Marked isError so that MCP clients that check results against the tool's output schema accept
        // it (a preview has no structured output); the preview flag in _meta says what it really is.
        return finish(
          'ok',
          { content: [{ type: 'text', text: sentence }], isError: true, _meta: { [PREVIEW_META_KEY]: true } },
          { who, preview: true },
        );
      }
      const outcome = await raceAbort(tool.handler(parsed.data, context as never), signal);
      if (!outcome.ok) {
        return finish('failed', failure(outcome.code, outcome.message), { who, code: outcome.code });
      }
      const checked = tool.output.safeParse(outcome.structured);
      if (!checked.success) {
        base.error(
          { ...bindings, issues: checked.error.issues },
          'tool returned output that breaks its own output schema',
        );
        return finish('error', internalFailure(options.service, tool.name), { who });
      }
      return finish(
        'ok',
        { content: [{ type: 'text', text: outcome.text }], structuredContent: checked.data as Record<string, unknown> },
        { who },
      );
    } catch (error) {
      if (deadline.timedOut()) {
        return finish(
          'timeout',
          failure('timeout', `${tool.name} took longer than ${timeoutMs} ms and was stopped. Try again shortly.`),
          { who },
        );
      }
      if (request.signal.aborted) {
        return finish('cancelled', failure('cancelled', 'The call was cancelled by the client.'), { who });
      }
      base.error({ ...bindings, err: error, who }, 'tool handler failed');
      return finish('error', internalFailure(options.service, tool.name), { who });
    } finally {
      deadline.clear();
    }
  };
}

function failure(code: string, message: string): ToolCallResult {
  return { content: [{ type: 'text', text: message }], isError: true, _meta: { [ERROR_CODE_META_KEY]: code } };
}

function internalFailure(service: string, tool: string): ToolCallResult {
  return failure(
    'internal_error',
    `The ${service} service could not complete ${tool} because of an internal problem. Please try again later.`,
  );
}

/**
 * One signal that aborts when the client goes away or the timeout passes. A plain controller and timer:
 * `AbortSignal.any` with `AbortSignal.timeout` cost measurably more on every call.
 */
function createDeadline(clientSignal: AbortSignal, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onClientAbort = () => controller.abort(clientSignal.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`tool call exceeded ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  if (clientSignal.aborted) onClientAbort();
  else clientSignal.addEventListener('abort', onClientAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear() {
      clearTimeout(timer);
      clientSignal.removeEventListener('abort', onClientAbort);
    },
  };
}

/** Rejects as soon as `signal` aborts, so a handler that ignores its signal still cannot hold the call. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
