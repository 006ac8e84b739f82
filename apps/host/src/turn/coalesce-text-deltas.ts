import type { UIMessageChunk } from 'ai';

/** A streamed piece of a text or reasoning part: what a long answer is made of, hundreds per turn. */
export type DeltaChunk = Extract<UIMessageChunk, { type: 'text-delta' | 'reasoning-delta' }>;

/** How a turn's text deltas are merged before they are written (`TURN_TEXT_COALESCE_MS`). */
export interface TextDeltaCoalescing {
  /** Milliseconds a delta may wait to go out with the ones after it; 0: every delta goes out as it comes. */
  windowMs: number;
  /** Characters of merged text that go out at once, without waiting for the window to end. */
  maxChars: number;
}

/** Where a turn's chunks go through on their way out; `flush()` sends whatever waits, now. */
export interface ChunkOutlet {
  write(chunk: UIMessageChunk): void;
  flush(): void;
}

/** A delta that may be merged with its neighbours: one without provider metadata (which is per chunk). */
export function isMergeableDelta(chunk: UIMessageChunk): chunk is DeltaChunk {
  return (chunk.type === 'text-delta' || chunk.type === 'reasoning-delta') && chunk.providerMetadata === undefined;
}

/** Consecutive deltas of one part, gathered into one chunk with exactly their concatenated text. */
export interface DeltaRun {
  readonly chars: number;
  /** Adds a mergeable delta of the run's part (or starts the run); false when the chunk cannot join it. */
  add(chunk: UIMessageChunk): boolean;
  /** The merged chunk, and the run starts empty again; undefined when it was empty. */
  take(): DeltaChunk | undefined;
}

export function createDeltaRun(): DeltaRun {
  let first: DeltaChunk | undefined;
  let pieces: string[] = [];
  let chars = 0;
  return {
    get chars() {
      return chars;
    },
    add(chunk) {
      if (!isMergeableDelta(chunk) || (first && (first.type !== chunk.type || first.id !== chunk.id))) return false;
      first ??= chunk;
      pieces.push(chunk.delta);
      chars += chunk.delta.length;
      return true;
    },
    take() {
      if (!first) return undefined;
      const merged = pieces.length === 1 ? first : { ...first, delta: pieces.join('') };
      first = undefined;
      pieces = [];
      chars = 0;
      return merged;
    },
  };
}

/**
 * Merges a turn's text deltas so that a burst of them costs one write downstream (a Redis entry, an SSE
 * event, a step of the message builder) instead of one each, without changing what a client ends up with:
 * the same chunks in the same order, with each part's text exactly the concatenation of its deltas.
 *
 * A delta that comes while nothing waits goes out at once (the first token is never held back) and opens a
 * window of `windowMs`; deltas of the same part within it are merged and go out when it ends (which opens
 * the next window), or as soon as they reach `maxChars`. Any other chunk first sends what waits, then goes
 * out itself and closes the window, so the first delta after it goes out at once too.
 */
export function coalesceTextDeltas(emit: (chunk: UIMessageChunk) => void, options: TextDeltaCoalescing): ChunkOutlet {
  if (options.windowMs <= 0) return { write: emit, flush: () => {} };
  const run = createDeltaRun();
  let window: ReturnType<typeof setTimeout> | undefined;
  const release = (): boolean => {
    const merged = run.take();
    if (merged) emit(merged);
    return merged !== undefined;
  };
  const openWindow = (): void => {
    window = setTimeout(() => {
      window = undefined;
      if (release()) openWindow();
    }, options.windowMs);
  };
  const flush = (): void => {
    release();
    clearTimeout(window);
    window = undefined;
  };
  return {
    write(chunk) {
      if (!isMergeableDelta(chunk)) {
        flush();
        emit(chunk);
      } else if (window === undefined) {
        emit(chunk);
        openWindow();
      } else {
        if (!run.add(chunk)) {
          release();
          run.add(chunk);
        }
        if (run.chars >= options.maxChars) release();
      }
    },
    flush,
  };
}
