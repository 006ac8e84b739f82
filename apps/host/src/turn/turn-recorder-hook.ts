import type { UIMessage, UIMessageChunk } from 'ai';
import type { TurnObserver, TurnResult } from './turn-contract.ts';
import type { AcceptedTurn } from './turn-dispatcher.ts';

/**
 * The one seam between a running turn and the conversation record (src/record): the turn tells it what it
 * already knows, and the record does its writing after the turn, off the streaming path.
 */
export interface TurnRecorderHook {
  /** Starts watching one turn, as it begins to run. */
  begin(turn: Omit<AcceptedTurn, 'writer'>): RecordingTurn;
}

/** One turn being watched; every method returns at once and never throws. */
export interface RecordingTurn {
  /** Given to the runner: its model and tool calls. */
  observer: TurnObserver;
  /** Each chunk the browser sees (time to first token, denied tool calls). */
  chunk(chunk: UIMessageChunk): void;
  /** The turn has ended and its stream is closed: hands the facts over to be written. */
  end(outcome: { result: TurnResult | undefined; assistant: UIMessage }): void;
}
