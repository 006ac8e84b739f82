import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { Conversation, ConversationStoreLimits } from './conversation-store.ts';

/**
 * Applies a store's caps: the newest UI messages, and the newest history that fits, cut only before a
 * user message that starts an exchange (never between a tool call and its result, which the Messages API
 * rejects).
 */
export function trimConversation(conversation: Conversation, limits: ConversationStoreLimits): Conversation {
  return {
    ...conversation,
    messages: conversation.messages.slice(-limits.maxMessages),
    history: trimHistory(conversation.history, limits),
  };
}

function trimHistory(history: MessageParam[], limits: ConversationStoreLimits): MessageParam[] {
  let start = Math.max(0, history.length - limits.maxHistoryMessages);
  let chars = 0;
  for (let i = history.length - 1; i >= start; i--) {
    chars += JSON.stringify(history[i]).length;
    if (chars > limits.maxHistoryChars) {
      start = i + 1;
      break;
    }
  }
  if (start === 0) return history;
  for (let i = start; i < history.length; i++) {
    if (startsExchange(history[i])) return history.slice(i);
  }
  // No clean cut point: keep the newest exchange whole rather than break it.
  const lastStart = history.findLastIndex(startsExchange);
  return lastStart > 0 ? history.slice(lastStart) : history;
}

function startsExchange(message: MessageParam | undefined): boolean {
  if (message?.role !== 'user') return false;
  return typeof message.content === 'string' || !message.content.some((block) => block.type === 'tool_result');
}
