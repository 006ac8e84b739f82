import { randomUUID } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  MessageParam,
  Tool,
  ToolResultBlockParam,
  ToolUseBlock,
} from '@anthropic-ai/sdk/resources/messages';
import { ERROR_CODE_META_KEY, PREVIEW_META_KEY } from '@shopchat/mcp-service';
import type { Logger } from 'pino';
import { canonicalHash } from './canonical-hash.ts';
import { estimateCostUsd } from './model-pricing.ts';
import { streamModelCall } from './stream-model-call.ts';
import { buildSystemPrompt } from './system-prompt.ts';
import { toolCallIdempotencyKey } from './tool-call-idempotency-key.ts';
import { type GatewayTool, type GatewayToolResult, needsApproval, type ToolGateway } from './tool-gateway.ts';
import { toolErrorBlock, toolResultBlock } from './tool-result-content.ts';
import type {
  PendingApproval,
  ToolCallFact,
  TurnInput,
  TurnResult,
  TurnRunner,
  TurnSink,
  TurnUsage,
} from './turn-contract.ts';
import type { TurnMetrics } from './turn-metrics.ts';
import { startTurnTrace } from './turn-trace.ts';

/** Limits of one turn. */
export interface TurnLimits {
  maxRounds: number;
  maxTokens: number;
  toolTimeoutMs: number;
  resultBudgetChars: number;
  approvalTtlMs: number;
}

/** Defaults of {@link TurnLimits}, with their reasons. */
export const TURN_DEFAULTS = {
  /** Model calls per turn: enough for look-up → act → answer twice over, few enough to stop a loop. */
  maxRounds: 8,
  /** Tokens per model answer: a support reply is short; a longer one is cut with stop reason max_tokens. */
  maxTokens: 1_024,
  /** A tool that has not answered in 10 s will not help a customer waiting in a chat. */
  toolTimeoutMs: 10_000,
  /** Characters of one tool result sent to the model (~3,000 tokens). */
  resultBudgetChars: 12_000,
  /** How long an approval card stays valid. */
  approvalTtlMs: 10 * 60_000,
} as const satisfies TurnLimits;

export interface ClaudeTurnRunnerOptions {
  client: Anthropic;
  model: string;
  gateway: ToolGateway;
  log: Logger;
  metrics?: TurnMetrics;
  limits?: Partial<TurnLimits>;
  now?: () => number;
  newId?: () => string;
}

const DECLINED = 'The customer declined this action, so it was not done. Do not retry it unless they ask again.';
const NOT_CONFIRMED = 'The customer did not confirm this action, so it was not done.';
const EXPIRED =
  'The confirmation for this action expired, so it was not done. Ask the customer again if they still want it.';
const ROUND_LIMIT_TEXT =
  'I’m sorry, I could not finish this within the steps I’m allowed for one message. Could you ask again, perhaps in a simpler way? You can also reach our support team through the help center.';
const MODEL_UNAVAILABLE = 'The assistant is temporarily unavailable. Please try again in a moment.';

/**
 * The Claude tool-use loop of one turn (a real state machine, so it is allowed to be long):
 * 1. settle the approvals the previous turn left pending (run exactly what was approved, refuse the rest);
 * 2. call the model with the conversation, the catalogue's tools and prompt-cache breakpoints;
 * 3. run the read-only tool calls concurrently; stop and ask before any destructive one;
 * 4. repeat until the model answers, or a limit stops it.
 */
export function createClaudeTurnRunner(options: ClaudeTurnRunnerOptions): TurnRunner {
  const limits: TurnLimits = { ...TURN_DEFAULTS, ...options.limits };
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  // The turn records its own GenAI spans (turn-trace.ts); the SDK's would repeat them as separate traces.
  const client = options.client.withOptions({ openTelemetry: false });

  return {
    async run(input, sink) {
      const started = now();
      const tracing = startTurnTrace(input, { model: options.model, baseUrl: client.baseURL });
      const usage: TurnUsage = emptyUsage();
      const history = [...input.history];
      const customerId = input.caller.kind === 'customer' ? input.caller.customerId : undefined;
      const callOptions = {
        ...(customerId ? { customerId } : {}),
        ...(tracing.traceparent ? { traceparent: tracing.traceparent } : {}),
        signal: input.signal,
        timeoutMs: limits.toolTimeoutMs,
      };

      /** Runs one tool call and reports it to the browser; never throws. */
      const runTool = async (toolUse: ToolUseBlock): Promise<ToolResultBlockParam> => {
        const tool = options.gateway.find(toolUse.name);
        if (!tool) {
          sink.write({ type: 'tool-output-error', toolCallId: toolUse.id, errorText: 'No such tool.' });
          return toolErrorBlock(toolUse.id, `There is no tool named ${toolUse.name}.`);
        }
        const callStarted = now();
        try {
          const idempotencyKey = toolCallIdempotencyKey(tool, toolUse, input);
          const result = await tracing.toolCall(tool, toolUse, (traceparent) =>
            options.gateway.call(toolUse.name, toolUse.input, {
              ...callOptions,
              ...(traceparent ? { traceparent } : {}),
              ...(idempotencyKey ? { idempotencyKey } : {}),
            }),
          );
          options.metrics?.toolCalls.inc({
            server: tool.server,
            tool: tool.name,
            outcome: result.isError ? 'error' : 'ok',
          });
          options.metrics?.toolDuration.observe({ server: tool.server }, (now() - callStarted) / 1000);
          const errorCode = result.isError ? result._meta?.[ERROR_CODE_META_KEY] : undefined;
          observeTool(toolUse, tool, result.isError ? 'tool_error' : 'ok', callStarted, errorCode);
          if (result.isError) {
            const block = toolResultBlock(toolUse.id, result, limits.resultBudgetChars);
            sink.write({ type: 'tool-output-error', toolCallId: toolUse.id, errorText: String(block.content) });
            return block;
          }
          sink.write({
            type: 'tool-output-available',
            toolCallId: toolUse.id,
            output: result.structuredContent ?? { text: (result.content ?? []).map((c) => c.text ?? '').join('\n') },
          });
          return toolResultBlock(toolUse.id, result, limits.resultBudgetChars);
        } catch (error) {
          options.metrics?.toolCalls.inc({ server: tool.server, tool: tool.name, outcome: 'unavailable' });
          observeTool(toolUse, tool, 'unavailable', callStarted);
          options.log.warn({ err: error, tool: tool.name, server: tool.server }, 'tool call failed');
          const message = input.signal.aborted
            ? 'The call was cancelled.'
            : `The ${tool.server} service is unavailable right now, so this could not be checked. Tell the customer honestly and do not guess.`;
          sink.write({ type: 'tool-output-error', toolCallId: toolUse.id, errorText: message });
          return toolErrorBlock(toolUse.id, message);
        }
      };

      /** Tells the turn's observer (the conversation record) how one tool call ended. */
      const observeTool = (
        toolUse: ToolUseBlock,
        tool: GatewayTool,
        outcome: ToolCallFact['outcome'],
        callStarted: number,
        errorCode?: unknown,
      ): void => {
        input.observer?.toolCall({
          toolCallId: toolUse.id,
          server: tool.server,
          tool: tool.name,
          input: toolUse.input,
          outcome,
          ...(typeof errorCode === 'string' ? { errorCode } : {}),
          durationMs: now() - callStarted,
        });
      };

      /**
       * Asks the server what a destructive call would do, for the approval card. Its own sentence ("Cancel
       * order A-1049: 2 items, €159.90; …") when it has one; a refusal when the server already says no (the
       * visitor must sign in, the arguments are wrong: checked before any preview), so the customer is
       * never asked to confirm a call that cannot run; `undefined` when there is no preview.
       */
      const previewOf = async (
        toolUse: ToolUseBlock,
      ): Promise<{ text: string } | { refused: GatewayToolResult } | undefined> => {
        try {
          const result = await options.gateway.call(toolUse.name, toolUse.input, { ...callOptions, preview: true });
          const text = (result.content ?? [])
            .map((block) => block.text ?? '')
            .join(' ')
            .trim();
          if (result._meta?.[PREVIEW_META_KEY] === true) return text ? { text: text.slice(0, 300) } : undefined;
          const code = result._meta?.[ERROR_CODE_META_KEY];
          return result.isError && code !== 'preview_unavailable' ? { refused: result } : undefined;
        } catch {
          return undefined;
        }
      };

      // 1. Settle what the previous turn left waiting for the customer.
      const carried = await settlePendingApprovals(history, input, runTool, sink, now());
      const userBlocks: ContentBlockParam[] = [...carried];
      if (input.userText) userBlocks.push({ type: 'text', text: input.userText });
      if (userBlocks.length > 0) appendUser(history, userBlocks);
      if (history.at(-1)?.role !== 'user') {
        return finish({ history, pending: [], finishReason: 'stop', usage });
      }

      // 2–4. The loop.
      for (let round = 1; round <= limits.maxRounds; round++) {
        const tools = options.gateway.availableTools();
        sink.write({ type: 'start-step' });
        let message: Awaited<ReturnType<typeof streamModelCall>>;
        const callStarted = now();
        try {
          message = await tracing.modelCall({ maxTokens: limits.maxTokens }, () =>
            streamModelCall(
              client,
              {
                model: options.model,
                max_tokens: limits.maxTokens,
                system: buildSystemPrompt(input.caller, new Date(now())),
                tools: toModelTools(tools),
                messages: history,
              },
              sink,
              { signal: input.signal, partPrefix: `${input.conversationId.slice(0, 16)}-${started}-${round}` },
            ),
          );
        } catch (error) {
          sink.write({ type: 'finish-step' });
          if (input.signal.aborted) return finish({ history, pending: [], finishReason: 'aborted', usage });
          options.log.error({ err: error }, 'model call failed after retries');
          options.metrics?.modelErrors.inc();
          sink.write({ type: 'error', errorText: MODEL_UNAVAILABLE });
          return finish({ history, pending: [], finishReason: 'error', usage });
        }
        const call = addUsage(usage, message.usage, options.model);
        input.observer?.modelCall({
          ...call,
          model: options.model,
          durationMs: now() - callStarted,
          stopReason: message.stop_reason,
        });
        sink.write({ type: 'finish-step' });
        history.push({ role: 'assistant', content: message.content as ContentBlockParam[] });

        const toolUses = message.content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
        if (message.stop_reason !== 'tool_use' || toolUses.length === 0) {
          return finish({
            history,
            pending: [],
            finishReason: message.stop_reason === 'max_tokens' ? 'length' : 'stop',
            usage,
          });
        }
        for (const toolUse of toolUses) {
          sink.write({
            type: 'tool-input-available',
            toolCallId: toolUse.id,
            toolName: toolUse.name,
            input: toolUse.input,
          });
        }
        const asking = toolUses.filter((toolUse) => {
          const tool = options.gateway.find(toolUse.name);
          return tool !== undefined && needsApproval(tool);
        });
        const results = await Promise.all(toolUses.filter((t) => !asking.includes(t)).map(runTool));
        const previews = await Promise.all(asking.map((toolUse) => previewOf(toolUse)));
        const refused = asking.filter((_, i) => previews[i] && 'refused' in (previews[i] as object));
        for (const toolUse of refused) {
          const refusal = previews[asking.indexOf(toolUse)] as { refused: GatewayToolResult };
          const block = toolResultBlock(toolUse.id, refusal.refused, limits.resultBudgetChars);
          const tool = options.gateway.find(toolUse.name) as GatewayTool;
          observeTool(toolUse, tool, 'refused', now(), refusal.refused._meta?.[ERROR_CODE_META_KEY]);
          sink.write({ type: 'tool-output-error', toolCallId: toolUse.id, errorText: String(block.content) });
          results.push(block);
        }
        const toConfirm = asking.filter((toolUse) => !refused.includes(toolUse));
        if (toConfirm.length > 0) {
          const pending = toConfirm.map((toolUse) => {
            const tool = options.gateway.find(toolUse.name) as GatewayTool;
            const preview = previews[asking.indexOf(toolUse)];
            return {
              approvalId: newId(),
              toolCallId: toolUse.id,
              toolName: toolUse.name,
              input: toolUse.input,
              inputHash: canonicalHash(toolUse.input),
              expiresAt: now() + limits.approvalTtlMs,
              summary: preview && 'text' in preview ? preview.text : describeCall(tool, toolUse.input),
            } satisfies PendingApproval;
          });
          for (const request of pending) {
            sink.write({
              type: 'tool-approval-request',
              approvalId: request.approvalId,
              toolCallId: request.toolCallId,
              // What will happen, in the words of the server that owns the data: the card shows it.
              reason: request.summary,
            });
          }
          // The results of the calls that did run wait beside the pending ones, to be completed next turn.
          if (results.length > 0) history.push({ role: 'user', content: results });
          return finish({ history, pending, finishReason: 'approval', usage });
        }
        history.push({ role: 'user', content: results });
      }

      const id = `${input.conversationId.slice(0, 16)}-${started}-limit`;
      sink.write({ type: 'text-start', id });
      sink.write({ type: 'text-delta', id, delta: ROUND_LIMIT_TEXT });
      sink.write({ type: 'text-end', id });
      history.push({ role: 'assistant', content: [{ type: 'text', text: ROUND_LIMIT_TEXT }] });
      return finish({ history, pending: [], finishReason: 'iteration-limit', usage });

      function finish(result: TurnResult): TurnResult {
        tracing.end(result);
        options.metrics?.recordTurn(result, (now() - started) / 1000);
        options.log.info(
          {
            conversationId: input.conversationId,
            who: customerId ?? 'anonymous',
            finishReason: result.finishReason,
            durationMs: now() - started,
            ...result.usage,
          },
          'turn finished',
        );
        return result;
      }
    },
  };
}

/**
 * Runs the calls the customer approved and refuses the others. An answer counts only if it names a
 * pending approval of this conversation that has not expired, for a tool call still in the history with
 * the very arguments that were approved. Returns the tool results to send in the next user message,
 * including any stored beside the pending calls.
 */
async function settlePendingApprovals(
  history: MessageParam[],
  input: TurnInput,
  runTool: (toolUse: ToolUseBlock) => Promise<ToolResultBlockParam>,
  sink: TurnSink,
  at: number,
): Promise<ContentBlockParam[]> {
  const carried: ContentBlockParam[] = [];
  const last = history.at(-1);
  if (last?.role === 'user' && Array.isArray(last.content) && last.content.every((b) => b.type === 'tool_result')) {
    history.pop();
    carried.push(...last.content);
  }
  const assistant = history.at(-1);
  if (assistant?.role !== 'assistant' || !Array.isArray(assistant.content)) return carried;
  const answered = new Set(carried.map((block) => (block as ToolResultBlockParam).tool_use_id));
  const open = assistant.content.filter(
    (block): block is ToolUseBlock => block.type === 'tool_use' && !answered.has(block.id),
  );
  for (const toolUse of open) {
    const pending = input.pending.find((p) => p.toolCallId === toolUse.id);
    const answer = pending ? input.answers.find((a) => a.approvalId === pending.approvalId) : undefined;
    const bound = pending !== undefined && pending.inputHash === canonicalHash(toolUse.input);
    if (pending && answer?.approved && bound && at <= pending.expiresAt) {
      carried.push(await runTool(toolUse));
      continue;
    }
    const reason = !answer
      ? NOT_CONFIRMED
      : (answer.approved && pending && at > pending.expiresAt) || answer.reason?.includes('expired')
        ? EXPIRED
        : answer.reason && !answer.approved && answer.reason !== 'declined'
          ? `${DECLINED} (${answer.reason})`
          : DECLINED;
    sink.write({ type: 'tool-output-denied', toolCallId: toolUse.id });
    carried.push(toolErrorBlock(toolUse.id, reason));
  }
  return carried;
}

/** Adds blocks as the next user message, merging with a trailing user message so roles keep alternating. */
function appendUser(history: MessageParam[], blocks: ContentBlockParam[]): void {
  const last = history.at(-1);
  if (last?.role === 'user') {
    const existing: ContentBlockParam[] =
      typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
    history[history.length - 1] = { role: 'user', content: [...existing, ...blocks] };
  } else {
    history.push({ role: 'user', content: blocks });
  }
}

/** The catalogue's tools for the model, with a cache breakpoint after the last one (tools rarely change). */
function toModelTools(tools: GatewayTool[]): Tool[] {
  return tools.map((tool, i) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.inputSchema as Tool['input_schema'],
    ...(i === tools.length - 1 ? { cache_control: { type: 'ephemeral' as const } } : {}),
  }));
}

/** What the approval card says will happen: the tool's title and the exact arguments. */
function describeCall(tool: GatewayTool, input: unknown): string {
  const args =
    input && typeof input === 'object'
      ? Object.entries(input as Record<string, unknown>)
          .map(
            ([key, value]) =>
              `${key.replaceAll('_', ' ')}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
          )
          .join(', ')
      : '';
  return `${tool.title ?? tool.name}${args ? ` (${args})` : ''}`;
}

function emptyUsage(): TurnUsage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationInputTokens: 0,
    cacheReadInputTokens: 0,
    modelCalls: 0,
    costUsd: 0,
  };
}

/** Adds one model call's usage to the turn's and returns that call's tokens and cost. */
function addUsage(total: TurnUsage, usage: Anthropic.Messages.Usage, model: string): Omit<TurnUsage, 'modelCalls'> {
  const call = {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheCreationInputTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: usage.cache_read_input_tokens ?? 0,
  };
  total.inputTokens += call.inputTokens;
  total.outputTokens += call.outputTokens;
  total.cacheCreationInputTokens += call.cacheCreationInputTokens;
  total.cacheReadInputTokens += call.cacheReadInputTokens;
  total.modelCalls += 1;
  const costUsd = estimateCostUsd(model, call);
  total.costUsd += costUsd;
  return { ...call, costUsd };
}
