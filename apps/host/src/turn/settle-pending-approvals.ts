import type { ContentBlockParam, MessageParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { canonicalHash } from './canonical-hash.ts';
import type { ToolCallOutcome } from './tool-call-outcome.ts';
import type { TurnInput } from './turn-contract.ts';

const DECLINED = 'The customer declined this action, so it was not done. Do not retry it unless they ask again.';
const NOT_CONFIRMED = 'The customer did not confirm this action, so it was not done.';
const EXPIRED =
  'The confirmation for this action expired, so it was not done. Ask the customer again if they still want it.';

/** The calls the previous turn left waiting, settled: what was stored beside them and what became of each. */
export interface SettledApprovals {
  /** `tool_result` blocks of the calls that ran beside the pending ones, stored by the previous turn. */
  stored: ContentBlockParam[];
  /** One outcome per call that waited: run (approved) or declined, in the order the model made them. */
  outcomes: ToolCallOutcome[];
}

/**
 * Runs the calls the customer approved and declines the others. An answer counts only if it names a
 * pending approval of this conversation that has not expired, for a tool call still in the history with
 * the very arguments that were approved. Takes the stored results off the end of `history` (they go into
 * the next user message with the outcomes).
 */
export async function settlePendingApprovals(
  history: MessageParam[],
  input: Pick<TurnInput, 'pending' | 'answers'>,
  run: (toolUse: ToolUseBlock) => Promise<ToolCallOutcome>,
  at: number,
): Promise<SettledApprovals> {
  const stored: ContentBlockParam[] = [];
  const last = history.at(-1);
  if (last?.role === 'user' && Array.isArray(last.content) && last.content.every((b) => b.type === 'tool_result')) {
    history.pop();
    stored.push(...last.content);
  }
  const assistant = history.at(-1);
  if (assistant?.role !== 'assistant' || !Array.isArray(assistant.content)) return { stored, outcomes: [] };
  const answered = new Set(stored.flatMap((block) => (block.type === 'tool_result' ? [block.tool_use_id] : [])));
  const open = assistant.content.filter(
    (block): block is ToolUseBlock => block.type === 'tool_use' && !answered.has(block.id),
  );
  const outcomes: ToolCallOutcome[] = [];
  for (const toolUse of open) {
    const pending = input.pending.find((p) => p.toolCallId === toolUse.id);
    const answer = pending ? input.answers.find((a) => a.approvalId === pending.approvalId) : undefined;
    const bound = pending !== undefined && pending.inputHash === canonicalHash(toolUse.input);
    if (pending && answer?.approved && bound && at <= pending.expiresAt) {
      outcomes.push(await run(toolUse));
      continue;
    }
    const reason = !answer
      ? NOT_CONFIRMED
      : (answer.approved && pending && at > pending.expiresAt) || answer.reason?.includes('expired')
        ? EXPIRED
        : answer.reason && !answer.approved && answer.reason !== 'declined'
          ? `${DECLINED} (${answer.reason})`
          : DECLINED;
    outcomes.push({ kind: 'declined', toolCallId: toolUse.id, reason });
  }
  return { stored, outcomes };
}
