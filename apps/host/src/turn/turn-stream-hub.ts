import type { UIMessageChunk } from 'ai';

/** Writes the chunks of one running turn, for the request that started it and for any resume. */
export interface TurnStreamWriter {
  readonly turnId: string;
  /**
   * Appends a chunk. `resumeOnly`: only resuming readers get it (it rebuilds the part of the message that
   * the starting request's client already holds, since a resumed stream replays the whole message).
   */
  write(chunk: UIMessageChunk, options?: { resumeOnly?: boolean }): void;
  /** The turn is over: readers get the rest and their stream ends; the conversation may start a new turn. */
  end(): Promise<void>;
  /**
   * Hands the turn to another process (a worker, through the turn queue): writes what is queued, stops
   * holding the turn without ending it, and returns the last entry's sequence number. Only a hub shared
   * between processes (Redis) can do this; the writer takes no more writes afterwards.
   */
  handOff?(): Promise<number>;
}

export interface FollowTurnOptions {
  /** A specific turn, running or just finished; without it, the conversation's running turn only. */
  turnId?: string;
  /** Include the `resumeOnly` chunks (a reconnecting client). */
  resume?: boolean;
}

/**
 * Records every chunk of a running turn so that `GET /api/chat/:id/stream` can replay it from the start and
 * follow it live. It is also the per-conversation turn lock: one running turn per conversation. In memory
 * without `REDIS_URL`; a Redis implementation (streams + a lock key) fits the same interface.
 */
export interface TurnStreamHub {
  /** Starts recording a turn; undefined when the conversation already has a running turn. */
  begin(conversationId: string): Promise<TurnStreamWriter | undefined>;
  /** Replays and follows a turn's chunks; undefined when there is no such turn (→ 204). */
  follow(conversationId: string, options?: FollowTurnOptions): Promise<ReadableStream<UIMessageChunk> | undefined>;
}
