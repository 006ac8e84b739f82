import { randomUUID } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  Message,
  MessageParam,
  TextBlockParam,
  Tool,
  ToolResultBlockParam,
  ToolUseBlock,
} from '@anthropic-ai/sdk/resources/messages';
import type { Logger } from 'pino';
import type { ModelClient } from '../llm/create-model-client.ts';
import { askApproval } from './ask-approval.ts';
import { estimateCostUsd } from './model-pricing.ts';
import { runToolCall } from './run-tool-call.ts';
import { settlePendingApprovals } from './settle-pending-approvals.ts';
import { ModelStreamError, streamModelCall } from './stream-model-call.ts';
import { buildSystemPrompt } from './system-prompt.ts';
import type { ToolCallContext } from './tool-call-context.ts';
import { reportToolCall, type ToolCallOutcome } from './tool-call-outcome.ts';
import { type GatewayTool, needsApproval, type ToolGateway } from './tool-gateway.ts';
import { emptyTurnUsage, type TurnResult, type TurnRunner, type TurnUsage } from './turn-contract.ts';
import { TURN_LIMITS, type TurnLimits } from './turn-limits.ts';
import type { TurnMetrics } from './turn-metrics.ts';
import { startTurnTrace } from './turn-trace.ts';

export interface ClaudeTurnRunnerOptions {
  client: ModelClient;
  model: string;
  gateway: ToolGateway;
  log: Logger;
  metrics?: TurnMetrics;
  /** Overrides of {@link TURN_LIMITS} (`maxRounds`, `maxTokens`, `toolTimeoutMs`, `resultBudgetChars`, `approvalTtlMs`). */
  limits?: Partial<TurnLimits>;
  now?: () => number;
  newId?: () => string;
  /** Extended thinking with this budget (≥ 1024 tokens); unset: no thinking. */
  thinkingBudgetTokens?: number;
}

const ROUND_LIMIT_TEXT =
  'I’m sorry, I could not finish this within the steps I’m allowed for one message. Could you ask again, perhaps in a simpler way? You can also reach our support team through the help center.';
const MODEL_UNAVAILABLE = 'The assistant is temporarily unavailable. Please try again in a moment.';
const MODEL_INTERRUPTED_TEXT =
  'I’m sorry, my answer was interrupted because the assistant is overloaded right now, so it is incomplete. Please ask again in a moment.';
const MAX_TOKENS_TEXT =
  'I’m sorry, my answer was cut off because it grew too long, and nothing was changed. Could you ask again, perhaps about one thing at a time?';
const CUT_TOOL_CALL_TEXT = 'The answer ended before this call was complete, so it was not made.';
const REFUSAL_TEXT =
  'I’m sorry, I can’t help with that request. I’m happy to help with your orders, our products or our store’s policies.';
/** How often a stream that fails before any content (an overload as it starts) is tried again. */
const EARLY_STREAM_ERROR_RETRIES = 2;

/** How one model round ended: with tool calls to make, or with the turn's result. */
type RoundEnd =
  | { kind: 'tool-calls'; toolUses: ToolUseBlock[] }
  | { kind: 'paused' }
  | { kind: 'finished'; result: TurnResult };

/**
 * The Claude tool-use loop of one turn, in steps:
 * 1. settle the approvals the previous turn left pending (run exactly what was approved, decline the rest);
 * 2. call the model with the conversation, the catalogue's tools and prompt-cache breakpoints;
 * 3. make its tool calls concurrently, each ending in one {@link ToolCallOutcome}: a call that changes
 *    something is not run but waits for the customer's approval;
 * 4. repeat until the model answers, a call awaits approval, or a limit stops it.
 */
export function createClaudeTurnRunner(options: ClaudeTurnRunnerOptions): TurnRunner {
  const limits: TurnLimits = { ...TURN_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  // The turn records its own GenAI spans (turn-trace.ts); the SDK's would repeat them as separate traces.
  const client = options.client.withOptions({ openTelemetry: false });
  // Thinking tokens count toward max_tokens: the budget comes on top of the answer's own allowance.
  const maxTokensOfCall = limits.maxTokens + (options.thinkingBudgetTokens ?? 0);

  return {
    async run(input, sink) {
      const started = now();
      const tracing = startTurnTrace(input, { model: options.model, baseUrl: client.baseURL });
      const usage = emptyTurnUsage();
      const history = [...input.history];
      const customerId = input.caller.kind === 'customer' ? input.caller.customerId : undefined;
      const context: ToolCallContext = {
        gateway: options.gateway,
        input,
        callOptions: {
          ...(customerId ? { customerId } : {}),
          ...(tracing.traceparent ? { traceparent: tracing.traceparent } : {}),
          signal: input.signal,
          timeoutMs: limits.toolTimeoutMs,
        },
        tracing,
        limits,
        log: options.log,
        ...(options.metrics ? { metrics: options.metrics } : {}),
        now,
        newId,
      };
      /** Shows an outcome to the browser; returns what the model reads of it. */
      const report = (outcome: ToolCallOutcome): ToolResultBlockParam | undefined => {
        const { chunk, block } = reportToolCall(outcome, limits.resultBudgetChars);
        sink.write(chunk);
        return block;
      };
      const finish = (result: TurnResult): TurnResult => {
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
      };

      // 1. What the previous turn left waiting for the customer.
      const settled = await settlePendingApprovals(history, input, (toolUse) => runToolCall(context, toolUse), now());
      const userBlocks: ContentBlockParam[] = [...settled.stored, ...resultsOf(settled.outcomes.map(report))];
      if (input.userText) userBlocks.push({ type: 'text', text: input.userText });
      if (userBlocks.length > 0) appendMessage(history, 'user', userBlocks);
      if (history.at(-1)?.role !== 'user') return finish({ history, pending: [], finishReason: 'stop', usage });

      // 2–4. The loop.
      for (let round = 1; round <= limits.maxRounds; round++) {
        const end = await modelRound(round);
        if (end.kind === 'finished') return finish(end.result);
        if (end.kind === 'paused') continue;
        // Each call is shown to the browser as soon as it ends; the model reads them all in the next round.
        const outcomes = await Promise.all(
          end.toolUses.map((toolUse) =>
            makeToolCall(context, toolUse).then((outcome) => ({ outcome, block: report(outcome) })),
          ),
        );
        const results = resultsOf(outcomes.map((call) => call.block));
        const pending = outcomes.flatMap(({ outcome }) =>
          outcome.kind === 'awaiting-approval' ? [outcome.approval] : [],
        );
        if (pending.length > 0) {
          // The results of the calls that did run wait beside the pending ones, to be completed next turn.
          if (results.length > 0) history.push({ role: 'user', content: results });
          return finish({ history, pending, finishReason: 'approval', usage });
        }
        history.push({ role: 'user', content: results });
      }
      return finish(roundLimitReached());

      /** One model call, streamed to the browser; its answer joins the history. */
      async function modelRound(round: number): Promise<RoundEnd> {
        sink.write({ type: 'start-step' });
        const partPrefix = `${input.conversationId.slice(0, 16)}-${started}-${round}`;
        let message: Message;
        const callStarted = now();
        try {
          message = await callModel(partPrefix);
        } catch (error) {
          sink.write({ type: 'finish-step' });
          if (input.signal.aborted) return finished('aborted');
          options.log.error({ err: error }, 'model call failed after retries');
          options.metrics?.modelErrors.inc();
          if (error instanceof ModelStreamError && error.streamed) {
            // Part of an answer is on screen: end it with a sentence that says it is incomplete.
            say(`${partPrefix}-cut`, MODEL_INTERRUPTED_TEXT);
            return finished('error');
          }
          sink.write({ type: 'error', errorText: MODEL_UNAVAILABLE });
          return finished('error');
        }
        const call = addUsage(usage, message.usage, options.model);
        input.observer?.modelCall({
          ...call,
          model: options.model,
          durationMs: now() - callStarted,
          stopReason: message.stop_reason,
        });
        sink.write({ type: 'finish-step' });
        const toolUses = message.content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
        if (message.stop_reason === 'tool_use' && toolUses.length > 0) {
          appendMessage(history, 'assistant', message.content as ContentBlockParam[]);
          for (const toolUse of toolUses) {
            sink.write({
              type: 'tool-input-available',
              toolCallId: toolUse.id,
              toolName: toolUse.name,
              input: toolUse.input,
            });
          }
          return { kind: 'tool-calls', toolUses };
        }
        // Any other ending leaves a tool call it holds unmade (its input may be half generated) and unstored
        // (the next request would have to answer it); its part ends as an input error.
        for (const toolUse of toolUses) {
          sink.write({
            type: 'tool-input-error',
            toolCallId: toolUse.id,
            toolName: toolUse.name,
            input: toolUse.input,
            errorText: CUT_TOOL_CALL_TEXT,
          });
        }
        const kept = message.content.filter((block) => block.type !== 'tool_use') as ContentBlockParam[];
        switch (message.stop_reason) {
          case 'pause_turn':
            // A long server-side step paused the answer: sending it back as it is lets the model go on.
            appendMessage(history, 'assistant', kept);
            return { kind: 'paused' };
          case 'max_tokens':
            appendMessage(history, 'assistant', [...kept, say(`${partPrefix}-cut`, MAX_TOKENS_TEXT)]);
            return finished('length');
          case 'refusal':
            // The refused text is not kept: the history holds only the honest sentence the customer saw.
            appendMessage(history, 'assistant', [say(`${partPrefix}-refusal`, REFUSAL_TEXT)]);
            return finished('stop');
          default:
            appendMessage(history, 'assistant', kept);
            return finished('stop');
        }
      }

      /**
       * The model call of one round. An `error` event that arrives before any content (an overload as the
       * stream starts) is tried again a bounded number of times: the customer has seen nothing of it yet.
       */
      async function callModel(partPrefix: string): Promise<Message> {
        for (let attempt = 1; ; attempt++) {
          try {
            return await tracing.modelCall({ maxTokens: maxTokensOfCall }, () =>
              streamModelCall(
                client,
                {
                  model: options.model,
                  max_tokens: maxTokensOfCall,
                  ...(options.thinkingBudgetTokens
                    ? { thinking: { type: 'enabled' as const, budget_tokens: options.thinkingBudgetTokens } }
                    : {}),
                  system: buildSystemPrompt(input.caller, new Date(now())),
                  tools: toModelTools(options.gateway.availableTools()),
                  messages: history,
                },
                sink,
                { signal: input.signal, partPrefix },
              ),
            );
          } catch (error) {
            const again =
              error instanceof ModelStreamError &&
              error.retryableBeforeContent &&
              attempt <= EARLY_STREAM_ERROR_RETRIES &&
              !input.signal.aborted;
            if (!again) throw error;
            options.log.warn({ err: error.cause, attempt }, 'model stream failed before any content; calling again');
          }
        }
      }

      /** Writes one sentence of the host's own as a text part; returns it as the block the history keeps. */
      function say(id: string, text: string): TextBlockParam {
        sink.write({ type: 'text-start', id });
        sink.write({ type: 'text-delta', id, delta: text });
        sink.write({ type: 'text-end', id });
        return { type: 'text', text };
      }

      function finished(finishReason: TurnResult['finishReason']): RoundEnd {
        return { kind: 'finished', result: { history, pending: [], finishReason, usage } };
      }

      /** The round limit stopped the loop: say so to the customer instead of leaving them without an answer. */
      function roundLimitReached(): TurnResult {
        appendMessage(history, 'assistant', [
          say(`${input.conversationId.slice(0, 16)}-${started}-limit`, ROUND_LIMIT_TEXT),
        ]);
        return { history, pending: [], finishReason: 'iteration-limit', usage };
      }
    },
  };
}

/** One tool call of the model: run it, or, when it changes something, prepare the customer's approval. */
function makeToolCall(context: ToolCallContext, toolUse: ToolUseBlock): Promise<ToolCallOutcome> {
  const tool = context.gateway.find(toolUse.name);
  return tool && needsApproval(tool) ? askApproval(context, toolUse, tool) : runToolCall(context, toolUse);
}

function resultsOf(blocks: (ToolResultBlockParam | undefined)[]): ToolResultBlockParam[] {
  return blocks.filter((block) => block !== undefined);
}

/**
 * Adds blocks as the next message of `role`, merging with a trailing message of the same role so roles keep
 * alternating: the customer's text joins settled approval results; a paused answer and its continuation
 * are one answer.
 */
function appendMessage(history: MessageParam[], role: 'user' | 'assistant', blocks: ContentBlockParam[]): void {
  // An empty message is invalid in the next request (an empty end_turn answer happens): keep none.
  if (blocks.length === 0) return;
  const last = history.at(-1);
  if (last?.role === role) {
    const existing: ContentBlockParam[] =
      typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
    history[history.length - 1] = { role, content: [...existing, ...blocks] };
  } else {
    history.push({ role, content: blocks });
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
