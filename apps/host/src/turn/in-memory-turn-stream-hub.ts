import { randomUUID } from 'node:crypto';
import type { UIMessageChunk } from 'ai';
import type { TurnStreamHub, TurnStreamWriter } from './turn-stream-hub.ts';

/** Bounds, with their reasons. */
export const IN_MEMORY_TURN_STREAM_DEFAULTS = {
  /** How long a finished turn stays readable by its id: the starting request may still be reading it. */
  retainFinishedMs: 30_000,
  /** Chunks kept per turn; later ones are dropped (the turn runner caps itself well below this). */
  maxChunksPerTurn: 50_000,
} as const;

interface Recording {
  turnId: string;
  entries: { chunk: UIMessageChunk; resumeOnly: boolean }[];
  done: boolean;
  /** Readers waiting for the next chunk. */
  waiters: Set<() => void>;
}

/** The turn stream hub of a single process (no `REDIS_URL`). */
export function createInMemoryTurnStreamHub(
  options: Partial<{ [K in keyof typeof IN_MEMORY_TURN_STREAM_DEFAULTS]: number }> = {},
): TurnStreamHub {
  const limits = { ...IN_MEMORY_TURN_STREAM_DEFAULTS, ...options };
  const recordings = new Map<string, Recording>();

  const wake = (recording: Recording): void => {
    for (const resolve of recording.waiters) resolve();
    recording.waiters.clear();
  };

  return {
    async begin(conversationId) {
      if (recordings.get(conversationId)?.done === false) return undefined;
      const recording: Recording = { turnId: randomUUID(), entries: [], done: false, waiters: new Set() };
      recordings.set(conversationId, recording);
      const writer: TurnStreamWriter = {
        turnId: recording.turnId,
        write(chunk, writeOptions) {
          if (recording.done || recording.entries.length >= limits.maxChunksPerTurn) return;
          recording.entries.push({ chunk, resumeOnly: writeOptions?.resumeOnly === true });
          wake(recording);
        },
        async end() {
          if (recording.done) return;
          recording.done = true;
          wake(recording);
          setTimeout(() => {
            if (recordings.get(conversationId) === recording) recordings.delete(conversationId);
          }, limits.retainFinishedMs).unref();
        },
      };
      return writer;
    },
    async follow(conversationId, followOptions = {}) {
      const recording = recordings.get(conversationId);
      if (!recording) return undefined;
      if (followOptions.turnId ? recording.turnId !== followOptions.turnId : recording.done) return undefined;
      return readRecording(recording, followOptions.resume === true);
    },
  };
}

/** A reader's own cursor over a recording: replays what is there, then waits for more until the end. */
function readRecording(recording: Recording, resume: boolean): ReadableStream<UIMessageChunk> {
  let index = 0;
  let cancelled = false;
  let waiter: (() => void) | undefined;
  return new ReadableStream<UIMessageChunk>(
    {
      async pull(controller) {
        while (!cancelled) {
          while (index < recording.entries.length) {
            const entry = recording.entries[index++];
            if (entry && (resume || !entry.resumeOnly)) return controller.enqueue(entry.chunk);
          }
          if (recording.done) return controller.close();
          await new Promise<void>((resolve) => {
            waiter = resolve;
            recording.waiters.add(resolve);
          });
        }
      },
      cancel() {
        cancelled = true;
        if (waiter) {
          recording.waiters.delete(waiter);
          waiter();
        }
      },
    },
    { highWaterMark: 0 },
  );
}
