import {
  CONVERSATION_STORE_DEFAULTS,
  type Conversation,
  type ConversationOwner,
  type ConversationStore,
  type ConversationStoreLimits,
} from './conversation-store.ts';
import { trimConversation } from './trim-conversation.ts';

export interface InMemoryConversationStoreOptions {
  limits?: Partial<ConversationStoreLimits>;
  /** Epoch ms; injected so tests can move time. */
  now?: () => number;
}

/**
 * Conversations in this process's memory (no `REDIS_URL`): lost on restart, bounded in count (least
 * recently saved evicted first) and in age (TTL from the last save).
 */
export function createInMemoryConversationStore(options: InMemoryConversationStoreOptions = {}): ConversationStore {
  const limits: ConversationStoreLimits = { ...CONVERSATION_STORE_DEFAULTS, ...options.limits };
  const now = options.now ?? Date.now;
  // Map order is save order: the first entries are the least recently saved.
  const entries = new Map<string, Conversation>();

  const live = (id: string): Conversation | undefined => {
    const conversation = entries.get(id);
    if (conversation && now() - conversation.updatedAt > limits.ttlMs) {
      entries.delete(id);
      return undefined;
    }
    return conversation;
  };
  const put = (conversation: Conversation): void => {
    entries.delete(conversation.id);
    entries.set(conversation.id, structuredClone(trimConversation(conversation, limits)));
    // Oldest first: drop what has expired or exceeds the count, and stop at the first keeper.
    for (const [id, stored] of entries) {
      if (entries.size <= limits.maxConversations && now() - stored.updatedAt <= limits.ttlMs) break;
      entries.delete(id);
    }
  };

  return {
    async get(id) {
      const conversation = live(id);
      return conversation && structuredClone(conversation);
    },
    async create(id, owner: ConversationOwner) {
      const existing = live(id);
      if (existing) return structuredClone(existing);
      const at = now();
      const conversation: Conversation = {
        id,
        owner,
        history: [],
        messages: [],
        pending: [],
        createdAt: at,
        updatedAt: at,
      };
      put(conversation);
      return structuredClone(conversation);
    },
    async save(conversation) {
      put({ ...conversation, updatedAt: now() });
    },
  };
}
