import type { ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { ERROR_CODE_META_KEY, PREVIEW_META_KEY } from '@shopchat/mcp-service';
import { canonicalHash } from './canonical-hash.ts';
import type { ToolCallContext } from './tool-call-context.ts';
import type { ToolCallOutcome } from './tool-call-outcome.ts';
import type { GatewayTool, GatewayToolResult } from './tool-gateway.ts';

/** Characters of a server's preview sentence shown on the approval card. */
const MAX_SUMMARY_CHARS = 300;

/**
 * Prepares the customer's approval of a call that changes something: a pending approval bound to the call
 * id and the exact arguments, worded by the owning server's preview when it has one; or a refusal, when the
 * server already says no (checked before any preview), so the customer is never asked to confirm a call
 * that cannot run.
 */
export async function askApproval(
  context: ToolCallContext,
  toolUse: ToolUseBlock,
  tool: GatewayTool,
): Promise<ToolCallOutcome> {
  const preview = await previewOf(context, toolUse);
  if (preview?.kind === 'refused') return { kind: 'refused', toolCallId: toolUse.id, result: preview.result };
  return {
    kind: 'awaiting-approval',
    toolCallId: toolUse.id,
    approval: {
      approvalId: context.newId(),
      toolCallId: toolUse.id,
      toolName: toolUse.name,
      input: toolUse.input,
      inputHash: canonicalHash(toolUse.input),
      expiresAt: context.now() + context.limits.approvalTtlMs,
      summary: preview?.text ?? describeCall(tool, toolUse.input),
    },
  };
}

type Preview = { kind: 'text'; text: string } | { kind: 'refused'; result: GatewayToolResult };

/**
 * Asks the server what the call would do ("Cancel order A-1049: 2 items, €159.90; …"); `undefined` when it
 * has no preview or cannot be asked (the card then shows the tool and its arguments).
 */
async function previewOf(context: ToolCallContext, toolUse: ToolUseBlock): Promise<Preview | undefined> {
  try {
    const result = await context.gateway.call(toolUse.name, toolUse.input, { ...context.callOptions, preview: true });
    const text = (result.content ?? [])
      .map((block) => block.text ?? '')
      .join(' ')
      .trim();
    if (result._meta?.[PREVIEW_META_KEY] === true) {
      return text ? { kind: 'text', text: text.slice(0, MAX_SUMMARY_CHARS) } : undefined;
    }
    const code = result._meta?.[ERROR_CODE_META_KEY];
    return result.isError && code !== 'preview_unavailable' ? { kind: 'refused', result } : undefined;
  } catch {
    return undefined;
  }
}

/** What the approval card says will happen without a preview: the tool's title and the exact arguments. */
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
