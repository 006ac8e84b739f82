import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { UIMessage } from 'ai';
import type { ChatCaller, PendingApproval } from '../turn/turn-contract.ts';

/**
 * Who a conversation belongs to: the customer who started it, or, for an anonymous visitor, whoever holds
 * its id (the id is the only secret; a signed-in customer cannot read or join it, nor it theirs).
 */
export type ConversationOwner = ChatCaller;

/** A conversation as the server keeps it. Nothing in it comes from a client's copy of the history. */
export interface Conversation {
  id: string;
  owner: ConversationOwner;
  /** Anthropic-format history, for the turn runner. */
  history: MessageParam[];
  /** AI SDK UI messages, for `GET /api/chat/:id` and the widget. */
  messages: UIMessage[];
  /** Destructive tool calls waiting for the customer's answer. */
  pending: PendingApproval[];
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms of the last save; the TTL runs from here. */
  updatedAt: number;
  /** The last turn whose outcome is stored here: a retried job of that turn finds it done. */
  finishedTurnId?: string;
}

/** Caps of a stored conversation, with their reasons. */
export const CONVERSATION_STORE_DEFAULTS = {
  /** A chat left alone for a day is over; its data should not outlive that. */
  ttlMs: 24 * 60 * 60 * 1000,
  /** UI messages kept for the widget; the oldest are dropped first. */
  maxMessages: 100,
  /** Anthropic history messages kept for the model. */
  maxHistoryMessages: 200,
  /** Characters of history JSON (~50k tokens): the model's context and cost stay bounded. */
  maxHistoryChars: 200_000,
  /**
   * Conversations one in-memory store holds. When full, a new one may push out only an idle one without
   * pending approvals (least recently saved first); if there is none, the new one is refused (503).
   */
  maxConversations: 10_000,
  /** Unsaved this long, a conversation is idle: longer than a turn's deadline (120 s), so no turn runs in it. */
  minIdleMs: 5 * 60 * 1000,
} as const;

export type ConversationStoreLimits = { -readonly [K in keyof typeof CONVERSATION_STORE_DEFAULTS]: number };

/**
 * Where conversations live: in memory without `REDIS_URL`, in Redis with it. The same interface for both,
 * so every operation is async and works on copies (what `get` returns is not live).
 */
export interface ConversationStore {
  /** The conversation, or undefined when it never existed or has expired. */
  get(id: string): Promise<Conversation | undefined>;
  /**
   * Creates an empty conversation owned by `owner`, unless one with this id exists; returns whichever is
   * stored, so two racing requests end up with the same owner (the caller checks it).
   */
  create(id: string, owner: ConversationOwner): Promise<Conversation>;
  /** Stores the conversation, trimmed to the caps, and restarts its TTL. */
  save(conversation: Conversation): Promise<void>;
}

/** Whether `caller` may read and continue `conversation`. */
export function isOwnedBy(conversation: Conversation, caller: ChatCaller): boolean {
  if (conversation.owner.kind === 'anonymous') return caller.kind === 'anonymous';
  return caller.kind === 'customer' && caller.customerId === conversation.owner.customerId;
}
