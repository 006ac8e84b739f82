import { ChatApiError } from './chat-api-error.ts';
import {
  CONVERSATION_STORE_DEFAULTS,
  type Conversation,
  type ConversationOwner,
  type ConversationStore,
  type ConversationStoreLimits,
} from './conversation-store.ts';
import { emptyConversation } from './empty-conversation.ts';
import { trimConversation } from './trim-conversation.ts';

export interface InMemoryConversationStoreOptions {
  limits?: Partial<ConversationStoreLimits>;
  /** Epoch ms; injected so tests can move time. */
  now?: () => number;
}

/** How long a visitor refused by a full store should wait: idle conversations free up by the minute. */
const FULL_RETRY_AFTER_SECONDS = 60;

/**
 * Conversations in this process's memory (no `REDIS_URL`): lost on restart, bounded in age (TTL from the
 * last save) and in count. Creating conversations cannot push out anyone's pending approval nor a chat in
 * use: when full, only an idle conversation without pending approvals is evicted (least recently saved
 * first), and without one the new conversation is refused with 503 `server_busy`.
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
  const dropExpired = (): void => {
    // Map order is save order: the expired ones come first.
    for (const [id, stored] of entries) {
      if (now() - stored.updatedAt <= limits.ttlMs) break;
      entries.delete(id);
    }
  };
  /** Makes room for one more: evicts the least recently saved idle conversation with nothing pending. */
  const makeRoom = (): boolean => {
    dropExpired();
    if (entries.size < limits.maxConversations) return true;
    for (const [id, stored] of entries) {
      if (now() - stored.updatedAt < limits.minIdleMs) break; // newer ones are not idle either
      if (stored.pending.length > 0) continue;
      entries.delete(id);
      return true;
    }
    return false;
  };
  const put = (conversation: Conversation): void => {
    const known = entries.delete(conversation.id);
    // A conversation being saved is kept even in a full store (its turn ran; it may hold new approvals):
    // the count overshoots by at most the turns running at once.
    if (!known) makeRoom();
    entries.set(conversation.id, structuredClone(trimConversation(conversation, limits)));
  };

  return {
    async get(id) {
      const conversation = live(id);
      return conversation && structuredClone(conversation);
    },
    async create(id, owner: ConversationOwner) {
      const existing = live(id);
      if (existing) return structuredClone(existing);
      if (!makeRoom()) {
        throw new ChatApiError('server_busy', 'Too many conversations are open right now; try again in a minute.', {
          retryAfterSeconds: FULL_RETRY_AFTER_SECONDS,
        });
      }
      const conversation = emptyConversation(id, owner, now());
      put(conversation);
      return structuredClone(conversation);
    },
    async save(conversation) {
      put({ ...conversation, updatedAt: now() });
    },
  };
}
