import type { UIMessage, UIMessageChunk, UIPart } from '@shopchat/chat-views';

/**
 * Applies one UI message stream chunk to the assistant message being built, as the AI SDK's
 * `readUIMessageStream` does: text parts by id, tool parts by call id moving through
 * `input-streaming` → `input-available` → (`approval-requested`) → `output-available` / `output-error` /
 * `output-denied`; `data-turn-restart` (a turn retried on another worker) starts the message over;
 * `messageMetadata` (on `start`, `message-metadata`, `finish`) is merged into `metadata` (a person's message
 * names its author there). Returns an error text for `error` chunks, so the caller can show it.
 */
export function applyChunk(message: UIMessage, chunk: UIMessageChunk, open: Map<string, UIPart>): string | undefined {
  const str = (key: string) => (typeof chunk[key] === 'string' ? (chunk[key] as string) : '');
  const tool = (id: string): UIPart | undefined => message.parts.find((p) => p.toolCallId === id);
  switch (chunk.type) {
    case 'start':
      if (str('messageId')) message.id = str('messageId');
      setMetadata(message, chunk.messageMetadata);
      return;
    case 'message-metadata':
    case 'finish':
      setMetadata(message, chunk.messageMetadata);
      return;
    case 'start-step':
      message.parts.push({ type: 'step-start' });
      return;
    case 'text-start': {
      const part: UIPart = { type: 'text', text: '', state: 'streaming' };
      open.set(str('id'), part);
      message.parts.push(part);
      return;
    }
    case 'text-delta': {
      let part = open.get(str('id'));
      if (!part) {
        part = { type: 'text', text: '', state: 'streaming' };
        open.set(str('id'), part);
        message.parts.push(part);
      }
      part.text = (part.text ?? '') + str('delta');
      return;
    }
    case 'text-end': {
      const part = open.get(str('id'));
      if (part) part.state = 'done';
      open.delete(str('id'));
      return;
    }
    case 'tool-input-start':
    case 'tool-input-available': {
      const id = str('toolCallId');
      let part = tool(id);
      if (!part) {
        part = chunk.dynamic
          ? { type: 'dynamic-tool', toolName: str('toolName'), toolCallId: id }
          : { type: `tool-${str('toolName')}`, toolCallId: id };
        message.parts.push(part);
      }
      part.state = chunk.type === 'tool-input-start' ? 'input-streaming' : 'input-available';
      if (chunk.type === 'tool-input-available') part.input = chunk.input;
      return;
    }
    case 'tool-approval-request': {
      const part = tool(str('toolCallId'));
      if (!part) return;
      part.state = 'approval-requested';
      part.approval = { id: str('approvalId') };
      if (str('reason')) part.approvalReason = str('reason');
      return;
    }
    case 'tool-approval-response': {
      const part = message.parts.find((p) => p.approval?.id === str('approvalId'));
      if (!part) return;
      part.state = 'approval-responded';
      part.approval = { id: str('approvalId'), approved: chunk.approved === true };
      return;
    }
    case 'tool-output-available':
    case 'tool-output-error':
    case 'tool-output-denied': {
      const part = tool(str('toolCallId'));
      if (!part) return;
      if (chunk.type === 'tool-output-available') {
        part.state = 'output-available';
        part.output = chunk.output;
      } else if (chunk.type === 'tool-output-error') {
        part.state = 'output-error';
        part.errorText = str('errorText');
      } else {
        part.state = 'output-denied';
      }
      return;
    }
    case 'data-turn-restart':
      // The host lost the worker running this turn and runs it again: what it wrote so far is void, and the
      // message is rebuilt from the chunks that follow (its earlier parts, then the new answer).
      message.parts.length = 0;
      open.clear();
      return;
    case 'error':
      return str('errorText') || 'error';
    default:
      return; // reasoning, finish, abort, metadata: nothing to show
  }
}

function setMetadata(message: UIMessage, metadata: unknown): void {
  if (metadata && typeof metadata === 'object') message.metadata = { ...message.metadata, ...metadata };
}
