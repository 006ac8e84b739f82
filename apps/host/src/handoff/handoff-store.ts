import type { Redis } from 'ioredis';
import { type Handoff, type HandoffChange, HandoffSchema, isWithPeople } from './handoff-state.ts';

/**
 * Each conversation's hand-off, shared by every replica (Redis with `REDIS_URL`, memory without). A change
 * is a pure function of the current value, applied atomically: two agents claiming at once, one wins.
 */
export interface HandoffStore {
  get(conversationId: string): Promise<Handoff | undefined>;
  /** Applies `change` to the current value and stores the result; throws what `change` throws. */
  update(conversationId: string, change: HandoffChange): Promise<Handoff>;
  /** Conversations waiting for or with a person, longest waiting first. */
  open(): Promise<Handoff[]>;
}

/** How long a hand-off outlives its last change: as long as the live conversation (a day). */
const HANDOFF_TTL_MS = 24 * 60 * 60 * 1000;
/** Compare-and-set retries before giving up: only a storm of changes to one conversation gets there. */
const MAX_ATTEMPTS = 8;
/** The queue's length cap: a list beyond this is not a queue any agent works through. */
const MAX_OPEN = 500;

export function createInMemoryHandoffStore(): HandoffStore {
  const handoffs = new Map<string, Handoff>();
  return {
    get: async (id) => handoffs.get(id),
    async update(id, change) {
      // Synchronous from read to write: nothing else runs in between.
      const next = change(handoffs.get(id));
      handoffs.set(id, next);
      return next;
    },
    open: async () =>
      [...handoffs.values()]
        .filter(isWithPeople)
        .sort((a, b) => a.waitingSince - b.waitingSince)
        .slice(0, MAX_OPEN),
  };
}

// Stores ARGV[2] only if the stored version is still ARGV[1]; keeps the queue (a sorted set) beside it.
// KEYS: handoff, queue. ARGV: expected version, next JSON, ttl ms, queue member, 'open' or 'done', score.
const SWAP_SCRIPT = `
local current = redis.call('GET', KEYS[1])
local version = 0
if current then version = cjson.decode(current).version end
if version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
if ARGV[5] == 'open' then redis.call('ZADD', KEYS[2], ARGV[6], ARGV[4]) else redis.call('ZREM', KEYS[2], ARGV[4]) end
return 1`;

export function createRedisHandoffStore(options: { redis: Redis; prefix: string }): HandoffStore {
  const { redis, prefix } = options;
  const key = (id: string): string => `${prefix}:handoff:${id}`;
  const queueKey = `${prefix}:handoff-queue`;
  const read = async (id: string): Promise<Handoff | undefined> => {
    const raw = await redis.get(key(id));
    return raw ? HandoffSchema.parse(JSON.parse(raw)) : undefined;
  };
  return {
    get: read,
    async update(id, change) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const current = await read(id);
        const next = change(current);
        if (next === current && current) return current;
        const state = isWithPeople(next) ? 'open' : 'done';
        const swapped = await redis.eval(
          SWAP_SCRIPT,
          2,
          key(id),
          queueKey,
          current?.version ?? 0,
          JSON.stringify(next),
          HANDOFF_TTL_MS,
          id,
          state,
          String(next.waitingSince),
        );
        if (swapped === 1) return next;
      }
      throw new Error(`handoff ${id}: too many concurrent changes`);
    },
    async open() {
      const ids = await redis.zrange(queueKey, 0, String(MAX_OPEN - 1));
      if (ids.length === 0) return [];
      const values = await redis.mget(ids.map(key));
      const open: Handoff[] = [];
      const gone: string[] = [];
      values.forEach((raw, i) => {
        const handoff = raw ? HandoffSchema.parse(JSON.parse(raw)) : undefined;
        if (handoff && isWithPeople(handoff)) open.push(handoff);
        else gone.push(ids[i] as string);
      });
      // Expired hand-offs leave the queue when it is next read.
      if (gone.length > 0) await redis.zrem(queueKey, ...gone);
      return open;
    },
  };
}
