import type { Redis } from 'ioredis';

/** Entries of one stream as XREAD returns them. */
export type StreamEntries = [id: string, fields: string[]][];

export interface StreamWaiterOptions {
  /** Opens the waiter's own connection (XREAD BLOCK stalls every other command on a shared one). */
  connect: () => Redis;
  /** The shared connection, for `CLIENT UNBLOCK` when a new stream joins a blocked read. */
  control: Redis;
  /** Longest one wait lasts before it resolves empty, so its reader can check the writer is alive. */
  blockMs: number;
  /** Entries one read takes per stream. */
  batchSize: number;
  /** How long the connection stays open with nobody waiting (a reader between two chunks). */
  idleCloseMs?: number;
}

/**
 * Waits for new entries of many streams at once: every follower of every turn in this process shares one
 * connection and one `XREAD BLOCK` over all their streams, instead of a connection and a blocked read each
 * (1,000 streamed chats were 1,000 connections). A wait for a stream not in the current read interrupts
 * it (`CLIENT UNBLOCK`), so it is included at once. The connection closes after a while with nobody waiting.
 */
export function createStreamWaiter(options: StreamWaiterOptions) {
  interface Wait {
    key: string;
    after: number;
    afterId: string;
    deadline: number;
    resolve: (entries: StreamEntries) => void;
    reject: (error: unknown) => void;
  }
  const waits = new Set<Wait>();
  let connection: Redis | undefined;
  let connectionId: number | undefined;
  let looping = false;
  /** Streams of the read now blocked in Redis; undefined when no read is under way. */
  let blockedOn: Set<string> | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const closeConnection = (): void => {
    connection?.disconnect();
    connection = undefined;
  };

  const sequence = (id: string): number => Number(id.split('-')[1] ?? 0);

  const loop = async (): Promise<void> => {
    looping = true;
    try {
      while (waits.size > 0) {
        if (!connection) {
          connection = options.connect();
          // Failures surface through the commands; the event would only be logged as unhandled.
          connection.on('error', () => {});
          connectionId = Number(await connection.client('ID'));
        }
        // Per stream, read after the earliest position any of its waiters needs.
        const after = new Map<string, Wait>();
        for (const wait of waits) {
          const known = after.get(wait.key);
          if (!known || wait.after < known.after) after.set(wait.key, wait);
        }
        const keys = [...after.keys()];
        const now = Date.now();
        const blockMs = Math.max(1, Math.min(...[...waits].map((w) => w.deadline - now)));
        blockedOn = new Set(keys);
        let reply: [string, StreamEntries][] | null;
        try {
          reply = (await connection.xread(
            'COUNT',
            options.batchSize,
            'BLOCK',
            blockMs,
            'STREAMS',
            ...keys,
            ...keys.map((key) => after.get(key)?.afterId ?? '0-0'),
          )) as [string, StreamEntries][] | null;
        } catch (error) {
          // The connection broke: its waiters retry (with their own backoff) on a new one.
          blockedOn = undefined;
          closeConnection();
          for (const wait of waits) wait.reject(error);
          waits.clear();
          return;
        }
        blockedOn = undefined;
        const byKey = new Map(reply ?? []);
        const later = Date.now();
        for (const wait of [...waits]) {
          const entries = (byKey.get(wait.key) ?? []).filter(([id]) => sequence(id) > wait.after);
          if (entries.length > 0 || wait.deadline <= later) {
            waits.delete(wait);
            wait.resolve(entries);
          }
        }
      }
    } finally {
      looping = false;
      blockedOn = undefined;
      if (waits.size === 0 && connection) {
        idleTimer = setTimeout(closeConnection, options.idleCloseMs ?? 5_000);
        idleTimer.unref();
      }
    }
  };

  return {
    /**
     * Resolves with the stream's entries after `afterId` as soon as there are any, or with none after
     * `blockMs`; rejects when the waiter's connection fails (wait again).
     */
    wait(key: string, afterId: string): { entries: Promise<StreamEntries>; cancel: () => void } {
      let wait!: Wait;
      const entries = new Promise<StreamEntries>((resolve, reject) => {
        wait = { key, afterId, after: sequence(afterId), deadline: Date.now() + options.blockMs, resolve, reject };
      });
      waits.add(wait);
      clearTimeout(idleTimer);
      if (!looping) void loop();
      else if (blockedOn && !blockedOn.has(key) && connectionId !== undefined) {
        blockedOn = undefined; // one unblock is enough for every stream that joins meanwhile
        options.control.client('UNBLOCK', connectionId).catch(() => {});
      }
      return {
        entries,
        cancel: () => {
          if (waits.delete(wait)) wait.resolve([]);
        },
      };
    },
  };
}

export type StreamWaiter = ReturnType<typeof createStreamWaiter>;
