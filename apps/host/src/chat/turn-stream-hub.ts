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
  /**
   * Continue after this event (the SSE `Last-Event-ID` of a reconnecting client) instead of from the
   * turn's start; an id that is not one of the hub's is ignored.
   */
  lastEventId?: string;
}

/** One chunk of a turn with its id in the turn's stream (`0-2`, `0-3`, …): the SSE `id`. */
export interface TurnStreamEvent {
  id: string;
  chunk: UIMessageChunk;
}

/** What an event id looks like: the same in memory and in Redis (explicit stream entry ids). */
export const TURN_EVENT_ID = /^0-\d{1,9}$/;

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
  /** The same with each chunk's event id, for SSE `id:` lines and `Last-Event-ID` resumes. */
  followEvents(
    conversationId: string,
    options?: FollowTurnOptions,
  ): Promise<ReadableStream<TurnStreamEvent> | undefined>;
}

/** The chunks of an event stream (cancelling the result cancels the events, so their reader stops). */
export function chunksOf(events: ReadableStream<TurnStreamEvent>): ReadableStream<UIMessageChunk> {
  return events.pipeThrough(
    new TransformStream<TurnStreamEvent, UIMessageChunk>({
      transform: (event, controller) => controller.enqueue(event.chunk),
    }),
    { preventCancel: false },
  );
}
