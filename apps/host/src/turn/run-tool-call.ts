import type { ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import type { ToolCallContext } from './tool-call-context.ts';
import { toolCallIdempotencyKey } from './tool-call-idempotency-key.ts';
import type { ToolCallOutcome } from './tool-call-outcome.ts';

/** Runs one tool call (the customer's approval, if it needed one, is already given). Never throws. */
export async function runToolCall(context: ToolCallContext, toolUse: ToolUseBlock): Promise<ToolCallOutcome> {
  const { gateway, input, metrics } = context;
  const toolCallId = toolUse.id;
  const tool = gateway.find(toolUse.name);
  if (!tool) return { kind: 'unknown-tool', toolCallId, toolName: toolUse.name };
  const started = context.now();
  try {
    const idempotencyKey = toolCallIdempotencyKey(tool, toolUse, input);
    const result = await context.tracing.toolCall(tool, toolUse, (traceparent) =>
      gateway.call(toolUse.name, toolUse.input, {
        ...context.callOptions,
        ...(traceparent ? { traceparent } : {}),
        ...(idempotencyKey ? { idempotencyKey } : {}),
      }),
    );
    metrics?.toolCalls.inc({ server: tool.server, tool: tool.name, outcome: result.isError ? 'error' : 'ok' });
    metrics?.toolDuration.observe({ server: tool.server }, (context.now() - started) / 1000);
    return { kind: result.isError ? 'tool-error' : 'ran', toolCallId, result };
  } catch (error) {
    metrics?.toolCalls.inc({ server: tool.server, tool: tool.name, outcome: 'unavailable' });
    context.log.warn({ err: error, tool: tool.name, server: tool.server }, 'tool call failed');
    const message = input.signal.aborted
      ? 'The call was cancelled.'
      : `The ${tool.server} service is unavailable right now, so this could not be checked. Tell the customer honestly and do not guess.`;
    return { kind: 'unavailable', toolCallId, message };
  }
}
