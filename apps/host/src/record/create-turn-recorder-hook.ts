import type { UIMessage } from 'ai';
import type { Histogram } from 'prom-client';
import type { TurnRecorderHook } from '../turn/turn-recorder-hook.ts';
import type { FinishedTurn, RecordedToolCall, TurnRecorder } from './finished-turn.ts';

export interface TurnRecorderHookOptions {
  recorder: TurnRecorder;
  /** Epoch ms. */
  now?: () => number;
  /** Observes each turn's time to first token, in seconds. */
  ttft?: Histogram;
}

/** The trace id inside a W3C `traceparent` (`00-<trace id>-<span id>-<flags>`), or null. */
function traceIdOf(traceparent: string | undefined): string | null {
  const traceId = traceparent?.split('-')[1];
  return traceId && /^[0-9a-f]{32}$/.test(traceId) && !/^0+$/.test(traceId) ? traceId : null;
}

/**
 * Gathers one turn's facts while it runs (its model and tool calls from the runner, the first text and
 * denied calls from its chunks) and hands them to the recorder when it ends. Nothing here waits on I/O.
 */
export function createTurnRecorderHook(options: TurnRecorderHookOptions): TurnRecorderHook {
  const now = options.now ?? Date.now;
  return {
    begin(turn) {
      const startedAt = now();
      let ttftMs: number | null = null;
      const modelCalls: FinishedTurn['modelCalls'] = [];
      const toolCalls = new Map<string, RecordedToolCall>();
      const asked = new Map<string, { toolName: string; input: unknown }>();
      return {
        observer: {
          modelCall: (call) => void modelCalls.push(call),
          toolCall: (call) => void toolCalls.set(call.toolCallId, { ...call, at: now() }),
        },
        chunk(chunk) {
          if (chunk.type === 'text-delta' && ttftMs === null) ttftMs = now() - startedAt;
          else if (chunk.type === 'tool-input-available') {
            asked.set(chunk.toolCallId, { toolName: chunk.toolName, input: chunk.input });
          } else if (chunk.type === 'tool-output-denied' && !toolCalls.has(chunk.toolCallId)) {
            const pending = turn.conversation.pending.find((p) => p.toolCallId === chunk.toolCallId);
            toolCalls.set(chunk.toolCallId, {
              toolCallId: chunk.toolCallId,
              server: 'unknown',
              tool: pending?.toolName ?? asked.get(chunk.toolCallId)?.toolName ?? 'unknown',
              input: pending?.input ?? asked.get(chunk.toolCallId)?.input ?? null,
              outcome: 'denied',
              durationMs: 0,
              at: now(),
            });
          }
        },
        end({ result, assistant }) {
          const { conversation, plan, caller } = turn;
          if (ttftMs !== null) options.ttft?.observe(ttftMs / 1000);
          const userMessage = plan.userText === undefined ? undefined : lastUserMessage(plan.messages);
          const messages = [userMessage, assistant.parts.length > 0 ? assistant : undefined].filter(
            (m): m is UIMessage => m !== undefined,
          );
          options.recorder.record({
            turnId: turn.turnId,
            conversationId: conversation.id,
            customerId: caller.kind === 'customer' ? caller.customerId : null,
            conversationStartedAt: conversation.createdAt,
            startedAt,
            finishedAt: now(),
            ttftMs,
            outcome: result?.finishReason ?? 'failed',
            traceId: traceIdOf(turn.traceparent),
            customerWrote: plan.userText !== undefined,
            messages: messages.map((m) => ({ id: m.id, role: m.role, parts: m.parts })),
            modelCalls,
            toolCalls: [...toolCalls.values()],
            approvalsAsked: (result?.pending ?? []).map((p) => ({
              approvalId: p.approvalId,
              toolCallId: p.toolCallId,
              toolName: p.toolName,
              inputHash: p.inputHash,
              summary: p.summary,
              expiresAt: p.expiresAt,
            })),
            approvalsAnswered: plan.answers.map((a) => ({ approvalId: a.approvalId, approved: a.approved })),
          });
        },
      };
    },
  };
}

function lastUserMessage(messages: UIMessage[]): UIMessage | undefined {
  return messages.findLast((m) => m.role === 'user');
}
