import type { Redis } from 'ioredis';
import {
  CONVERSATION_STORE_DEFAULTS,
  type Conversation,
  type ConversationOwner,
  type ConversationStore,
  type ConversationStoreLimits,
} from './conversation-store.ts';
import { emptyConversation } from './empty-conversation.ts';
import { trimConversation } from './trim-conversation.ts';

/** Bounds of the Redis store beyond the shared caps, with their reasons. */
export const REDIS_CONVERSATION_STORE_DEFAULTS = {
  /**
   * Bytes of one stored conversation's JSON. The message and history caps already bound it; this is the last
   * guard (large tool outputs in UI messages), met by dropping the oldest UI messages.
   */
  maxStoredBytes: 2 * 1024 * 1024,
} as const;

export interface RedisConversationStoreOptions {
  /** A connected ioredis client, shared with the rest of the host (not blocking). */
  redis: Redis;
  /** Key namespace: conversations live at `${prefix}:conversation:${id}`. */
  prefix: string;
  /** The shared caps; `maxConversations` does not apply (Redis's TTLs and memory policy bound the count). */
  limits?: Partial<ConversationStoreLimits>;
  /** Bytes of one stored conversation's JSON (default 2 MiB). */
  maxStoredBytes?: number;
  /** Epoch ms, for `createdAt`/`updatedAt`; the TTL itself is Redis's. */
  now?: () => number;
}

/**
 * Conversations in Redis (`REDIS_URL`): one JSON value per conversation whose TTL restarts on every save, so
 * any API replica serves any request. Writes are last-writer-wins; the turn lock of the turn stream hub is
 * what keeps two writers of one conversation apart.
 */
export function createRedisConversationStore(options: RedisConversationStoreOptions): ConversationStore {
  const limits: ConversationStoreLimits = { ...CONVERSATION_STORE_DEFAULTS, ...options.limits };
  const maxStoredBytes = options.maxStoredBytes ?? REDIS_CONVERSATION_STORE_DEFAULTS.maxStoredBytes;
  if (!options.prefix) throw new TypeError('createRedisConversationStore: prefix must not be empty');
  if (!(limits.ttlMs >= 1) || !(maxStoredBytes >= 1)) {
    throw new RangeError('createRedisConversationStore: ttlMs and maxStoredBytes must be positive');
  }
  const { redis } = options;
  const now = options.now ?? Date.now;
  const key = (id: string): string => `${options.prefix}:conversation:${id}`;

  const read = async (id: string): Promise<Conversation | undefined> => {
    const json = await redis.get(key(id));
    return json === null ? undefined : (JSON.parse(json) as Conversation);
  };

  const create = async (id: string, owner: ConversationOwner): Promise<Conversation> => {
    // Three tries: only a key expiring at each try's exact moment can send it round again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const conversation = emptyConversation(id, owner, now());
      // NX: of two racing creates the first wins, and both return what is stored.
      const created = await redis.set(key(id), JSON.stringify(conversation), 'PX', limits.ttlMs, 'NX');
      if (created === 'OK') return conversation;
      const stored = await read(id);
      // Gone between SET NX and GET (it just expired): try again.
      if (stored) return stored;
    }
    throw new Error(`could not create conversation ${id}: its key kept expiring between SET NX and GET`);
  };

  return {
    get: read,
    create,
    async save(conversation) {
      const json = fitToBytes(trimConversation({ ...conversation, updatedAt: now() }, limits), maxStoredBytes);
      await redis.set(key(conversation.id), json, 'PX', limits.ttlMs);
    },
  };
}

/** The JSON of `conversation`, dropping its oldest UI messages until it fits in `maxBytes` (keeping one). */
function fitToBytes(conversation: Conversation, maxBytes: number): string {
  let json = JSON.stringify(conversation);
  let { messages } = conversation;
  while (Buffer.byteLength(json) > maxBytes && messages.length > 1) {
    messages = messages.slice(Math.max(1, Math.floor(messages.length / 4)));
    json = JSON.stringify({ ...conversation, messages });
  }
  return json;
}
