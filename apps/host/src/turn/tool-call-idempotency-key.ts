import { createHash } from 'node:crypto';
import type { ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { canonicalHash } from './canonical-hash.ts';
import { type GatewayTool, needsApproval } from './tool-gateway.ts';
import type { TurnInput } from './turn-contract.ts';

/**
 * The idempotency key a tool call carries to its server, the same when the call is made again after a
 * crash (the turn retried on another worker), so a tool with side effects acts once:
 * - a call the customer approved: its tool call id, stored with the conversation before the turn ran;
 * - another call that may change something: the turn id (kept across retries), the tool and its exact
 *   arguments, since the model's retried call gets a new id;
 * - a read-only call: none (repeating it is harmless).
 * Hashed, so the server sees neither conversation nor turn ids.
 */
export function toolCallIdempotencyKey(
  tool: GatewayTool,
  toolUse: Pick<ToolUseBlock, 'id' | 'name' | 'input'>,
  input: Pick<TurnInput, 'conversationId' | 'turnId'>,
): string | undefined {
  if (tool.annotations.readOnlyHint === true) return undefined;
  const source = needsApproval(tool)
    ? `approved:${input.conversationId}:${toolUse.id}`
    : `turn:${input.conversationId}:${input.turnId ?? toolUse.id}:${tool.server}:${tool.name}:${canonicalHash(toolUse.input)}`;
  return `sc1-${createHash('sha256').update(source).digest('base64url')}`;
}
