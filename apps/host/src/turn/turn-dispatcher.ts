import type { Conversation } from '../chat/conversation-store.ts';
import type { ChatTurnPlan } from './plan-chat-turn.ts';
import type { ChatCaller } from './turn-contract.ts';
import type { TurnStreamWriter } from './turn-stream-hub.ts';

/** A turn the API has accepted: its slot taken, its user message stored, its stream begun. */
export interface AcceptedTurn {
  turnId: string;
  conversation: Conversation;
  plan: ChatTurnPlan;
  caller: ChatCaller;
  traceparent?: string | undefined;
  /** The stream's writer, holding the conversation's turn slot. */
  writer: TurnStreamWriter;
}

/**
 * Where accepted turns run: in this process (no `REDIS_URL`), or on a worker through the turn queue. The
 * chat API is the same over both.
 */
export interface TurnDispatcher {
  /** Throws a `server_busy` ChatApiError when no more turns can be taken now. */
  checkCapacity(): Promise<void>;
  /** Starts the turn (here, or by handing it to the queue); resolves once it is on its way. */
  launch(turn: AcceptedTurn): Promise<void>;
  /**
   * Someone reads this conversation's running turn (the starting request, or a resume). Returns the
   * function to call when that reader goes away; with nobody reading for a while, the turn is cancelled.
   */
  attachReader(conversationId: string): () => void;
  /** Turns running in this process now. */
  running(): number;
  /** Resolves once no turn runs in this process: for graceful shutdown. */
  idle(): Promise<void>;
}
