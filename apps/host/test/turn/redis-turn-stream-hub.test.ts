import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import type { UIMessageChunk } from 'ai';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInMemoryTurnStreamHub } from '../../src/turn/in-memory-turn-stream-hub.ts';
import {
  createRedisTurnStreamHub,
  type RedisTurnStreamHubOptions,
  type TurnStreamEvent,
} from '../../src/turn/redis-turn-stream-hub.ts';
import { readTypes, turnStreamHubContract } from './support/turn-stream-hub-contract.ts';

describe('turn stream hub contract, in memory (the reference)', () => {
  turnStreamHubContract((limits) => createInMemoryTurnStreamHub(limits));
});

const available = await redisAvailable('the Redis turn stream hub');
const delta = (n: number): UIMessageChunk => ({ type: 'text-delta', id: 't', delta: `${n} ` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readAll<T>(stream: ReadableStream<T> | undefined): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream ?? []) items.push(item);
  return items;
}

/** Reads `count` items off `reader`. */
async function take<T>(reader: ReadableStreamDefaultReader<T>, count: number): Promise<T[]> {
  const items: T[] = [];
  while (items.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    items.push(value);
  }
  return items;
}

describe.runIf(available)('Redis turn stream hub', () => {
  // Two connections: two API replicas.
  let redisA: Redis;
  let redisB: Redis;
  let prefix: string;
  const extra: Redis[] = [];
  const connect = (): Redis => {
    const redis = new Redis(TEST_REDIS_URL);
    redis.on('error', () => {});
    extra.push(redis);
    return redis;
  };
  const hubOn = (redis: Redis, options: Partial<RedisTurnStreamHubOptions> = {}) =>
    createRedisTurnStreamHub({ redis, prefix, limits: { blockMs: 1_000 }, ...options });

  beforeAll(() => {
    redisA = new Redis(TEST_REDIS_URL);
    redisB = new Redis(TEST_REDIS_URL);
  });
  afterEach(async () => {
    await dropPrefix(prefix);
    for (const redis of extra.splice(0)) redis.disconnect();
  });
  afterAll(() => {
    redisA.disconnect();
    redisB.disconnect();
  });
  // A fresh namespace per test, set before the test's hubs are made.
  const fresh = () => {
    prefix = uniquePrefix();
  };

  describe('shares the in-memory hub’s behaviour', () => {
    turnStreamHubContract((limits) => {
      fresh();
      return hubOn(redisA, { limits: { blockMs: 1_000, ...limits } });
    });
  });

  it('is one lock across replicas, held until the turn ends', async () => {
    fresh();
    const [a, b] = [hubOn(redisA), hubOn(redisB)];
    const writers = await Promise.all([a.begin('c1'), b.begin('c1')]);
    expect(writers.filter(Boolean)).toHaveLength(1);
    const writer = writers.find(Boolean);
    expect(await a.begin('c1')).toBeUndefined();
    expect(await b.begin('c1')).toBeUndefined();
    const lockTtl = await redisA.pttl(`${prefix}:turn-lock:c1`);
    expect(lockTtl).toBeGreaterThan(0);
    expect(lockTtl).toBeLessThanOrEqual(15_000);
    await writer?.end();
    const next = await b.begin('c1');
    expect(next).toBeDefined();
    await next?.end();
  });

  it('streams what one replica writes to followers on another, live and replayed, then ends them', async () => {
    fresh();
    const [a, b] = [hubOn(redisA), hubOn(redisB)];
    const writer = await a.begin('c1');
    if (!writer) throw new Error('no writer');
    writer.write({ type: 'start', messageId: 'm1' });
    writer.write({ type: 'start-step' }, { resumeOnly: true });
    const live = readAll(await b.follow('c1', { resume: true }));
    for (let i = 0; i < 5; i++) writer.write(delta(i));
    await sleep(50);
    const replayed = readAll(await b.follow('c1', { turnId: writer.turnId }));
    writer.write({ type: 'finish' });
    await writer.end();
    const written = ['start', 'start-step', ...Array(5).fill('text-delta'), 'finish'];
    expect((await live).map((chunk) => chunk.type)).toEqual(written);
    expect((await replayed).map((chunk) => chunk.type)).toEqual(written.filter((type) => type !== 'start-step'));
    expect(await readAll(await b.follow('c1', { turnId: writer.turnId }))).toContainEqual(delta(4));
    const streamTtl = await redisA.pttl(`${prefix}:turn:c1:${writer.turnId}`);
    expect(streamTtl).toBeGreaterThan(0);
    expect(streamTtl).toBeLessThanOrEqual(30_000);
  });

  it('has nothing to follow when no turn runs, or for another conversation’s turn', async () => {
    fresh();
    const [a, b] = [hubOn(redisA), hubOn(redisB)];
    expect(await b.follow('c1')).toBeUndefined();
    const writer = await a.begin('c1');
    expect(await b.follow('c2', { turnId: writer?.turnId })).toBeUndefined();
    expect(await b.follow('c2', { resume: true })).toBeUndefined();
    await writer?.end();
  });

  it('resumes after the last event id a client saw', async () => {
    fresh();
    const [a, b] = [hubOn(redisA), hubOn(redisB)];
    const writer = await a.begin('c1');
    for (let i = 0; i < 4; i++) writer?.write(delta(i));
    await writer?.end();
    const events: TurnStreamEvent[] = await readAll(await b.followEvents('c1', { turnId: writer?.turnId }));
    expect(events.map((event) => event.chunk)).toEqual([0, 1, 2, 3].map(delta));
    const rest = await readAll(
      await b.followEvents('c1', { turnId: writer?.turnId, lastEventId: events[1]?.id as string }),
    );
    expect(rest.map((event) => event.chunk)).toEqual([delta(2), delta(3)]);
    // A malformed id replays from the start rather than failing.
    const all = await readAll(await b.followEvents('c1', { turnId: writer?.turnId, lastEventId: 'junk' }));
    expect(all).toHaveLength(4);
  });

  it('frees the lock when the writing replica dies, and its followers stop', async () => {
    fresh();
    const dying = connect();
    const limits = { leaseMs: 300, blockMs: 100, maxWriteAttempts: 1 };
    const a = hubOn(dying, { limits });
    const b = hubOn(redisB, { limits });
    const writer = await a.begin('c1');
    writer?.write({ type: 'start' });
    const reader = (await b.follow('c1', { resume: true }))?.getReader();
    if (!reader) throw new Error('no stream');
    expect(await take(reader, 1)).toEqual([{ type: 'start' }]);
    dying.disconnect(); // the replica is gone: no renewal, no end
    expect(await b.begin('c1')).toBeUndefined();
    await sleep(400);
    expect((await reader.read()).done).toBe(true);
    const next = await b.begin('c1');
    expect(next).toBeDefined();
    await next?.end();
  });

  it('keeps the lock while a turn outlives its lease, by renewing it', async () => {
    fresh();
    const a = hubOn(redisA, { limits: { leaseMs: 150 } });
    const writer = await a.begin('c1');
    await sleep(400);
    expect(await a.begin('c1')).toBeUndefined();
    await writer?.end();
  });

  it('caps a turn’s stream in Redis (MAXLEN) as well as in the writer', async () => {
    fresh();
    const a = hubOn(redisA, { limits: { maxChunksPerTurn: 3 } });
    const writer = await a.begin('c1');
    for (let i = 0; i < 10; i++) writer?.write(delta(i));
    await writer?.end();
    // Three chunks plus the begin and end markers.
    expect(await redisA.xlen(`${prefix}:turn:c1:${writer?.turnId}`)).toBe(5);
    expect(await readTypes(await a.follow('c1', { turnId: writer?.turnId }))).toHaveLength(3);
  });

  it('loses no chunk through a connection blip of the writer or of a follower', async () => {
    fresh();
    const writing = connect();
    const blockingConnections: Redis[] = [];
    const a = hubOn(writing);
    const b = hubOn(redisB, {
      waiterIdleCloseMs: 100,
      blockingConnection: () => {
        const redis = connect();
        blockingConnections.push(redis);
        return redis;
      },
    });
    const writer = await a.begin('c1');
    if (!writer) throw new Error('no writer');
    const reader = (await b.follow('c1', { resume: true }))?.getReader();
    if (!reader) throw new Error('no stream');
    writer.write(delta(0));
    writer.write(delta(1));
    expect(await take(reader, 2)).toEqual([delta(0), delta(1)]);

    writing.disconnect();
    writer.write(delta(2)); // while the writer's connection is down: retried once it is back
    await sleep(100);
    await writing.connect();
    writer.write(delta(3));
    expect(await take(reader, 2)).toEqual([delta(2), delta(3)]);

    // The follower is blocked in XREAD on its own connection; cut it.
    const waiting = take(reader, 2);
    await sleep(50);
    blockingConnections.at(-1)?.disconnect();
    await sleep(200); // the follower retries, and blocks again on a new connection
    expect(blockingConnections.length).toBeGreaterThanOrEqual(2);
    expect(blockingConnections.at(-1)?.status).not.toBe('end');
    writer.write(delta(4));
    writer.write(delta(5));
    expect(await waiting).toEqual([delta(4), delta(5)]);
    await writer.end();
    expect((await reader.read()).done).toBe(true);
    // With nobody waiting any more, the shared blocking connection closes.
    await vi.waitFor(() => expect(blockingConnections.every((redis) => redis.status === 'end')).toBe(true));

    const replay = await readAll(await b.follow('c1', { turnId: writer.turnId }));
    expect(replay).toEqual([0, 1, 2, 3, 4, 5].map(delta));
  });

  it('has every follower of the process wait on one shared connection, joining a blocked read at once', async () => {
    fresh();
    const opened: Redis[] = [];
    const hub = hubOn(redisA, {
      limits: { blockMs: 5_000 },
      blockingConnection: () => {
        const redis = connect();
        opened.push(redis);
        return redis;
      },
    });
    const turns = await Promise.all(Array.from({ length: 20 }, (_, i) => hub.begin(`c${i}`)));
    const readers = await Promise.all(turns.map((_, i) => hub.follow(`c${i}`)));
    const reading = readers.map((stream) => readAll(stream));
    // Each turn writes after the others' followers are already blocked: each joins the shared read at once.
    for (const [i, writer] of turns.entries()) {
      await sleep(10);
      writer?.write(delta(i));
      writer?.write(delta(i + 100));
    }
    await Promise.all(turns.map((writer) => writer?.end()));
    const seen = await Promise.all(reading);
    expect(seen).toEqual(turns.map((_, i) => [delta(i), delta(i + 100)]));
    expect(opened).toHaveLength(1);
  });

  it('refuses an empty prefix or a non-positive limit at construction', () => {
    expect(() => createRedisTurnStreamHub({ redis: redisA, prefix: '' })).toThrow(/prefix/);
    expect(() => createRedisTurnStreamHub({ redis: redisA, prefix: 'p', limits: { leaseMs: 0 } })).toThrow(/leaseMs/);
  });

  describe('hands a turn from the API that began it to the worker that runs it', () => {
    it('continues one stream: a reader from before the hand-off reads both parts, in order, to the end', async () => {
      fresh();
      const [api, worker] = [hubOn(redisA), hubOn(redisB)];
      const writer = await api.begin('c1');
      if (!writer) throw new Error('no writer');
      writer.write({ type: 'start', messageId: 'm1' });
      const reading = readAll(await api.follow('c1'));
      const handedAt = await writer.handOff?.();
      expect(handedAt).toBe(2);
      writer.write(delta(99)); // ignored: the writer is no longer the turn's
      // While queued the turn is still running: no new turn may begin, readers keep waiting.
      expect(await worker.begin('c1')).toBeUndefined();

      const adopted = await worker.adopt('c1', writer.turnId, 'run-1');
      if (adopted.kind !== 'adopted') throw new Error(`not adopted: ${adopted.kind}`);
      expect(adopted.lastSequence).toBe(2);
      adopted.writer.write(delta(1));
      adopted.writer.write(delta(2));
      await adopted.writer.end();
      expect(await reading).toEqual([{ type: 'start', messageId: 'm1' }, delta(1), delta(2)]);
      // The conversation is free again, and the finished turn is not adopted a second time.
      expect(await worker.adopt('c1', writer.turnId, 'run-2')).toEqual({ kind: 'finished' });
      expect(await api.begin('c1')).toBeDefined();
    });

    it('lets one run hold a turn: a second delivery waits (busy), a turn the conversation left is gone', async () => {
      fresh();
      const hub = hubOn(redisA);
      const writer = await hub.begin('c1');
      await writer?.handOff?.();
      const first = await hub.adopt('c1', writer?.turnId ?? '', 'run-1');
      expect(first.kind).toBe('adopted');
      expect(await hub.adopt('c1', writer?.turnId ?? '', 'run-2')).toEqual({ kind: 'busy' });
      // The same run taking it again (a retried adopt) is fine.
      const again = await hub.adopt('c1', writer?.turnId ?? '', 'run-1');
      expect(again.kind).toBe('adopted');
      if (first.kind === 'adopted') await first.writer.end();
      if (again.kind === 'adopted') await again.writer.end();
      expect(await hub.adopt('c1', 'some-other-turn', 'run-3')).toEqual({ kind: 'gone' });
      const next = await hub.begin('c1');
      expect(await hub.adopt('c1', writer?.turnId ?? '', 'run-4')).toEqual({ kind: 'gone' });
      await next?.end();
    });

    it('lets a retried run take over once a dead worker’s lease lapses, after what it wrote', async () => {
      fresh();
      const limits = { blockMs: 300, leaseMs: 600, queuedLeaseMs: 5_000 };
      const api = hubOn(redisA, { limits });
      const writer = await api.begin('c1');
      if (!writer) throw new Error('no writer');
      await writer.handOff?.();
      // The worker that dies: its connection goes, so its lease is never renewed again.
      const doomed = connect();
      const dead = await hubOn(doomed, { limits }).adopt('c1', writer.turnId, 'run-1');
      if (dead.kind !== 'adopted') throw new Error('not adopted');
      dead.writer.write(delta(1));
      await vi.waitFor(async () => expect(await redisA.xlen(`${prefix}:turn:c1:${writer.turnId}`)).toBe(2));
      const reading = readAll(await api.follow('c1', { turnId: writer.turnId }));
      doomed.disconnect();

      const survivor = hubOn(redisB, { limits });
      expect(await survivor.adopt('c1', writer.turnId, 'run-2')).toEqual({ kind: 'busy' });
      await sleep(700);
      const retried = await survivor.adopt('c1', writer.turnId, 'run-2');
      if (retried.kind !== 'adopted') throw new Error(`not adopted: ${retried.kind}`);
      expect(retried.lastSequence).toBe(2);
      retried.writer.write(delta(2));
      await retried.writer.end();
      const replay = await readAll(await survivor.follow('c1', { turnId: writer.turnId }));
      expect(replay).toEqual([delta(1), delta(2)]);
      // A reader from before the worker died waited through the retry rather than ending early.
      expect(await reading).toEqual([delta(1), delta(2)]);
    });
  });
});
