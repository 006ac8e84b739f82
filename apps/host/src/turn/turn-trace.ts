import type { Message, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { type Attributes, type Context, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { ERROR_CODE_META_KEY } from '@shopchat/mcp-service';
import { contextFromTraceHeaders, markSpanFailed, traceHeadersOf } from '@shopchat/telemetry';
import type { GatewayTool, GatewayToolResult } from './tool-gateway.ts';
import type { TurnInput, TurnResult } from './turn-contract.ts';

const tracer = trace.getTracer('@shopchat/host');

/** `gen_ai.agent.name` of the turn span: the one assistant this host runs. */
export const AGENT_NAME = 'support';

export interface TurnTraceOptions {
  model: string;
  /** The model endpoint, for `server.address`/`server.port` of the model-call spans. */
  baseUrl?: string;
}

/** The spans of one turn: the turn, its model calls and its tool calls (OpenTelemetry GenAI conventions). */
export interface TurnTrace {
  /** `traceparent` for calls the turn makes outside a tool span (approval previews): the turn span's. */
  readonly traceparent: string | undefined;
  /** Runs one model call in a client span `chat {model}`. */
  modelCall(request: { maxTokens: number }, call: () => Promise<Message>): Promise<Message>;
  /**
   * Runs one tool call in a client span `execute_tool {tool}`; `call` gets the `traceparent` that makes the
   * MCP server's span its child.
   */
  toolCall(
    tool: GatewayTool,
    toolUse: ToolUseBlock,
    call: (traceparent: string | undefined) => Promise<GatewayToolResult>,
  ): Promise<GatewayToolResult>;
  /** Ends the turn span with the turn's outcome (`undefined`: the runner threw). */
  end(result: TurnResult | undefined): void;
}

/**
 * Starts the span of one turn, `invoke_agent support`, as a child of the turn's `traceparent`: the chat
 * request's span, handed over as a string so the turn continues the trace wherever it runs (this process
 * or a queue worker). Children get their parent explicitly, never from the active context, so with
 * tracing off (no-op spans keep their parent's context) the MCP servers still receive the chat
 * request's `traceparent` for their logs. No message text, arguments or customer ids go into spans.
 */
export function startTurnTrace(input: TurnInput, options: TurnTraceOptions): TurnTrace {
  const server = serverAttributes(options.baseUrl);
  const base: Attributes = {
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.conversation.id': input.conversationId,
  };
  const turnSpan = tracer.startSpan(
    `invoke_agent ${AGENT_NAME}`,
    {
      kind: SpanKind.INTERNAL,
      attributes: {
        ...base,
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': AGENT_NAME,
        'gen_ai.request.model': options.model,
        'shopchat.caller.kind': input.caller.kind,
      },
    },
    contextFromTraceHeaders(input.traceparent ? { traceparent: input.traceparent } : undefined),
  );
  const turnContext: Context = trace.setSpan(ROOT_CONTEXT, turnSpan);

  return {
    traceparent: traceHeadersOf(turnSpan).traceparent,

    async modelCall(request, call) {
      const span = tracer.startSpan(
        `chat ${options.model}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            ...base,
            ...server,
            'gen_ai.operation.name': 'chat',
            // The attribute's name before gen_ai.provider.name, still read by many backends.
            'gen_ai.system': 'anthropic',
            'gen_ai.request.model': options.model,
            'gen_ai.request.max_tokens': request.maxTokens,
          },
        },
        turnContext,
      );
      try {
        const message = await call();
        const usage = message.usage;
        const cacheRead = usage.cache_read_input_tokens ?? 0;
        const cacheCreation = usage.cache_creation_input_tokens ?? 0;
        span.setAttributes({
          'gen_ai.response.id': message.id,
          'gen_ai.response.model': message.model,
          'gen_ai.response.finish_reasons': [message.stop_reason ?? 'unknown'],
          // The conventions count cached input in the input tokens; Anthropic reports it apart.
          'gen_ai.usage.input_tokens': usage.input_tokens + cacheRead + cacheCreation,
          'gen_ai.usage.output_tokens': usage.output_tokens,
          'gen_ai.usage.cache_read.input_tokens': cacheRead,
          'gen_ai.usage.cache_creation.input_tokens': cacheCreation,
        });
        return message;
      } catch (error) {
        markSpanFailed(span, modelErrorType(error));
        throw error;
      } finally {
        span.end();
      }
    },

    async toolCall(tool, toolUse, call) {
      const span = tracer.startSpan(
        `execute_tool ${tool.name}`,
        {
          // One span for the GenAI and the MCP conventions (which ask for one span, not two, when an agent
          // already traces its tool calls); CLIENT, because the call leaves the process: tracing backends draw
          // the host → server edge of their service maps from such a span and the server span under it.
          kind: SpanKind.CLIENT,
          attributes: {
            'gen_ai.operation.name': 'execute_tool',
            'mcp.method.name': 'tools/call',
            'gen_ai.tool.name': tool.name,
            'gen_ai.tool.call.id': toolUse.id,
            // Run by the host against an MCP server: an agent-side tool, in the conventions' words.
            'gen_ai.tool.type': 'extension',
            'shopchat.mcp.server': tool.server,
          },
        },
        turnContext,
      );
      try {
        const result = await call(traceHeadersOf(span).traceparent);
        if (result.isError) {
          const code = result._meta?.[ERROR_CODE_META_KEY];
          markSpanFailed(span, typeof code === 'string' ? code : 'tool_error');
        }
        return result;
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        markSpanFailed(span, typeof code === 'string' ? code : error instanceof Error ? error.name : '_OTHER');
        throw error;
      } finally {
        span.end();
      }
    },

    end(result) {
      if (!result) {
        markSpanFailed(turnSpan, 'runner_failed');
      } else {
        const { usage } = result;
        turnSpan.setAttributes({
          'shopchat.turn.finish_reason': result.finishReason,
          'shopchat.turn.model_calls': usage.modelCalls,
          'gen_ai.usage.input_tokens': usage.inputTokens + usage.cacheReadInputTokens + usage.cacheCreationInputTokens,
          'gen_ai.usage.output_tokens': usage.outputTokens,
        });
        if (result.finishReason === 'error') markSpanFailed(turnSpan, 'model_unavailable');
      }
      turnSpan.end();
    },
  };
}

/** The HTTP status of an API error (`429`, `529`), else the error's class (`APIConnectionError`). */
function modelErrorType(error: unknown): string {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number') return String(status);
  return error instanceof Error ? error.name : '_OTHER';
}

function serverAttributes(baseUrl: string | undefined): Attributes {
  if (!baseUrl) return {};
  try {
    const url = new URL(baseUrl);
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    return { 'server.address': url.hostname, 'server.port': port };
  } catch {
    return {};
  }
}
