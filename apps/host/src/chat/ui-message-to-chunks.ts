import type { UIMessage, UIMessageChunk } from 'ai';

type AnyPart = UIMessage['parts'][number] & Record<string, unknown>;

/**
 * The chunks that rebuild `message`'s parts from nothing (without `start`/`finish`). A resumed stream
 * replays the whole assistant message, so a turn that continues a stored message (after an approval)
 * starts its replay with these.
 */
export function uiMessageToChunks(message: UIMessage): UIMessageChunk[] {
  return message.parts.flatMap((part, index) => partToChunks(part as AnyPart, `${message.id}-${index}`));
}

function partToChunks(part: AnyPart, id: string): UIMessageChunk[] {
  if (part.type === 'step-start') return [{ type: 'start-step' }];
  if (part.type === 'text') {
    return [
      { type: 'text-start', id },
      { type: 'text-delta', id, delta: String(part.text ?? '') },
      { type: 'text-end', id },
    ];
  }
  if (part.type === 'reasoning') {
    return [
      { type: 'reasoning-start', id },
      { type: 'reasoning-delta', id, delta: String(part.text ?? '') },
      { type: 'reasoning-end', id },
    ];
  }
  if (part.type === 'dynamic-tool' || part.type.startsWith('tool-')) return toolPartToChunks(part);
  if (part.type.startsWith('data-')) {
    return [{ type: part.type as `data-${string}`, data: part.data, ...(part.id ? { id: String(part.id) } : {}) }];
  }
  return [];
}

function toolPartToChunks(part: AnyPart): UIMessageChunk[] {
  const toolCallId = String(part.toolCallId);
  const dynamic = part.type === 'dynamic-tool';
  const toolName = dynamic ? String(part.toolName) : part.type.slice('tool-'.length);
  const chunks: UIMessageChunk[] = [
    { type: 'tool-input-available', toolCallId, toolName, input: part.input, ...(dynamic ? { dynamic } : {}) },
  ];
  const approval = part.approval as { id: string; approved?: boolean; reason?: string } | undefined;
  if (approval) {
    chunks.push({ type: 'tool-approval-request', approvalId: approval.id, toolCallId });
    if (approval.approved !== undefined) {
      chunks.push({
        type: 'tool-approval-response',
        approvalId: approval.id,
        approved: approval.approved,
        ...(approval.reason ? { reason: approval.reason } : {}),
      });
    }
  }
  if (part.state === 'output-available')
    chunks.push({ type: 'tool-output-available', toolCallId, output: part.output });
  if (part.state === 'output-error') {
    chunks.push({ type: 'tool-output-error', toolCallId, errorText: String(part.errorText ?? '') });
  }
  if (part.state === 'output-denied') chunks.push({ type: 'tool-output-denied', toolCallId });
  return chunks;
}
