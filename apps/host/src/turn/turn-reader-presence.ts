import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Whether anybody still reads a conversation's running turn, across processes: each API replica marks the
 * conversations it streams with a key that expires unless refreshed (one pipeline per interval for all of
 * them), and the worker running the turn checks the key. A customer who has gone for `abandonAfterMs`
 * has their turn cancelled, as the in-process host does.
 */
export interface TurnReaderPresence {
  /** Marks `conversationId` as read from here until the returned function is called. */
  attach(conversationId: string): () => void;
  /** Whether someone, anywhere, read the conversation's turn within `abandonAfterMs`. */
  isRead(conversationId: string): Promise<boolean>;
  close(): void;
}

export interface TurnReaderPresenceOptions {
  redis: Redis;
  prefix: string;
  abandonAfterMs: number;
  log?: Pick<Logger, 'warn'>;
}

export function createTurnReaderPresence(options: TurnReaderPresenceOptions): TurnReaderPresence {
  const { redis, abandonAfterMs, log } = options;
  const key = (conversationId: string): string => `${options.prefix}:turn-readers:${conversationId}`;
  /** Readers here, by conversation. */
  const readers = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  const refresh = (): void => {
    if (readers.size === 0) return;
    const pipeline = redis.pipeline();
    for (const conversationId of readers.keys()) pipeline.set(key(conversationId), '1', 'PX', abandonAfterMs);
    pipeline.exec().catch((error: unknown) => log?.warn({ err: error }, 'could not refresh turn readers'));
  };

  return {
    attach(conversationId) {
      readers.set(conversationId, (readers.get(conversationId) ?? 0) + 1);
      redis
        .set(key(conversationId), '1', 'PX', abandonAfterMs)
        .catch((error: unknown) => log?.warn({ err: error }, 'could not mark a turn as read'));
      timer ??= setInterval(refresh, Math.max(1, Math.floor(abandonAfterMs / 3)));
      timer.unref();
      let detached = false;
      return () => {
        if (detached) return;
        detached = true;
        const left = (readers.get(conversationId) ?? 1) - 1;
        if (left > 0) readers.set(conversationId, left);
        else readers.delete(conversationId);
        if (readers.size === 0) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    async isRead(conversationId) {
      return (await redis.exists(key(conversationId))) === 1;
    },
    close() {
      clearInterval(timer);
      timer = undefined;
      readers.clear();
    },
  };
}
