import type { ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { GatewayToolResult } from './tool-gateway.ts';

/**
 * Turns an MCP result into the `tool_result` the model reads, within a size budget: the structured
 * content as JSON when there is some (models ground answers best on fields), else the text blocks.
 * Longer results are cut and say so, so the model knows it saw only part.
 */
export function toolResultBlock(
  toolUseId: string,
  result: GatewayToolResult,
  budgetChars: number,
): ToolResultBlockParam {
  const text = result.isError
    ? textOf(result)
    : result.structuredContent
      ? JSON.stringify(result.structuredContent)
      : textOf(result);
  return {
    type: 'tool_result',
    tool_use_id: toolUseId,
    content: truncate(text || '(empty result)', budgetChars),
    ...(result.isError ? { is_error: true } : {}),
  };
}

/** A tool_result for a call that did not run or failed before an answer. */
export function toolErrorBlock(toolUseId: string, message: string): ToolResultBlockParam {
  return { type: 'tool_result', tool_use_id: toolUseId, content: message, is_error: true };
}

function textOf(result: GatewayToolResult): string {
  return (result.content ?? [])
    .filter((block) => block.type === 'text' && typeof block.text === 'string')
    .map((block) => block.text)
    .join('\n');
}

function truncate(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const marker = `… [cut: the result was ${text.length} characters, ${budget} shown]`;
  return text.slice(0, Math.max(0, budget - marker.length)) + marker;
}
