import type { ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { UIMessageChunk } from 'ai';
import type { GatewayToolResult } from './tool-gateway.ts';
import { toolErrorBlock, toolResultBlock } from './tool-result-content.ts';
import type { PendingApproval } from './turn-contract.ts';

/**
 * What became of one tool call the model made, as one tagged value: the loop decides on `kind` alone, and
 * {@link reportToolCall} says what each kind shows the browser and tells the model.
 */
export type ToolCallOutcome =
  /** The tool ran and answered. */
  | { kind: 'ran'; toolCallId: string; result: GatewayToolResult }
  /** The tool ran and answered with a domain failure (`isError`): data the model can recover from. */
  | { kind: 'tool-error'; toolCallId: string; result: GatewayToolResult }
  /** The owning server said no before the customer was asked (sign in first, wrong arguments). */
  | { kind: 'refused'; toolCallId: string; result: GatewayToolResult }
  /** A call that changes something, waiting for the customer's yes. */
  | { kind: 'awaiting-approval'; toolCallId: string; approval: PendingApproval }
  /** The customer did not approve it (declined, never answered, or the card expired): it did not run. */
  | { kind: 'declined'; toolCallId: string; reason: string }
  /** The server could not be reached, or the turn was cancelled meanwhile: nothing is known. */
  | { kind: 'unavailable'; toolCallId: string; message: string }
  /** The model named a tool the catalogue does not have. */
  | { kind: 'unknown-tool'; toolCallId: string; toolName: string };

/** What an outcome shows the browser, and the `tool_result` the model reads (none while approval is pending). */
export interface ToolCallReport {
  chunk: UIMessageChunk;
  block?: ToolResultBlockParam;
}

/** The browser chunk and the model's `tool_result` of one outcome; `budgetChars` caps a result's size. */
export function reportToolCall(outcome: ToolCallOutcome, budgetChars: number): ToolCallReport {
  const { toolCallId } = outcome;
  switch (outcome.kind) {
    case 'ran': {
      const { result } = outcome;
      const text = (result.content ?? []).map((c) => c.text ?? '').join('\n');
      return {
        chunk: { type: 'tool-output-available', toolCallId, output: result.structuredContent ?? { text } },
        block: toolResultBlock(toolCallId, result, budgetChars),
      };
    }
    case 'tool-error':
    case 'refused': {
      const block = toolResultBlock(toolCallId, outcome.result, budgetChars);
      return { chunk: { type: 'tool-output-error', toolCallId, errorText: String(block.content) }, block };
    }
    case 'awaiting-approval':
      return {
        // What will happen, in the words of the server that owns the data: the card shows it.
        chunk: {
          type: 'tool-approval-request',
          approvalId: outcome.approval.approvalId,
          toolCallId,
          reason: outcome.approval.summary,
        },
      };
    case 'declined':
      return { chunk: { type: 'tool-output-denied', toolCallId }, block: toolErrorBlock(toolCallId, outcome.reason) };
    case 'unavailable':
      return {
        chunk: { type: 'tool-output-error', toolCallId, errorText: outcome.message },
        block: toolErrorBlock(toolCallId, outcome.message),
      };
    case 'unknown-tool':
      return {
        chunk: { type: 'tool-output-error', toolCallId, errorText: 'No such tool.' },
        block: toolErrorBlock(toolCallId, `There is no tool named ${outcome.toolName}.`),
      };
  }
}
