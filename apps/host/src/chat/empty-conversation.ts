import type { Conversation, ConversationOwner } from './conversation-store.ts';

/** A new conversation as every store creates it: no messages, no history, nothing pending, created `at` (epoch ms). */
export function emptyConversation(id: string, owner: ConversationOwner, at: number): Conversation {
  return { id, owner, history: [], messages: [], pending: [], createdAt: at, updatedAt: at };
}
