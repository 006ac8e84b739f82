import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { UIMessageChunk } from 'ai';

/**
 * The contract between the chat API (which speaks the AI SDK UI message stream to browsers and keeps
 * conversations) and the turn runner (which runs the Claude tool-use loop against the MCP tools).
 */

/** Who is chatting: verified from the shop's customer token, or an anonymous visitor. */
export type ChatCaller = { kind: 'customer'; customerId: string } | { kind: 'anonymous' };

/**
 * A destructive tool call waiting for the customer's yes. Bound to the conversation, the tool call id
 * and a hash of the exact arguments, and it expires: an answer that does not match all of them is no.
 */
export interface PendingApproval {
  approvalId: string;
  toolCallId: string;
  /** Model-facing tool name. */
  toolName: string;
  input: unknown;
  /** sha256 of the canonical JSON of `input`. */
  inputHash: string;
  /** Epoch ms after which the approval is void. */
  expiresAt: number;
  /** What will happen, in words, for the approval card ("Cancel order A-1042: 2 items, €84.90"). */
  summary: string;
}

/** The customer's answer to one approval request, as read from the chat request. */
export interface ApprovalAnswer {
  approvalId: string;
  approved: boolean;
  reason?: string;
}

export interface TurnInput {
  conversationId: string;
  caller: ChatCaller;
  /** The conversation so far, as the server stored it (never as a client sent it). */
  history: MessageParam[];
  /** The customer's new message; absent when the request only answers approvals. */
  userText?: string;
  /** Approvals the previous turn left pending (from the store). */
  pending: PendingApproval[];
  /** The customer's answers to them (from the request). */
  answers: ApprovalAnswer[];
  /** Aborted when the customer goes away or the turn's deadline passes. */
  signal: AbortSignal;
  /** W3C trace context of the chat request. */
  traceparent?: string;
  /** The turn's id, the same when a crashed turn is retried: part of its tool calls' idempotency keys. */
  turnId?: string;
  /** Told each model call and tool call as it ends (the conversation record); never blocks the turn. */
  observer?: TurnObserver;
}

/** One model call of a turn, as the conversation record keeps it. */
export interface ModelCallFact {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  /** At the model's list price (model-pricing.ts). */
  costUsd: number;
  durationMs: number;
  stopReason: string | null;
}

/**
 * One tool call of a turn: `ok`; `tool_error` (the server answered `isError`, with its stable code when it
 * gave one); `unavailable` (no answer: down, timed out, cancelled); `refused` (the server said no to a
 * destructive call before it was put to the customer).
 */
export interface ToolCallFact {
  toolCallId: string;
  server: string;
  tool: string;
  input: unknown;
  outcome: 'ok' | 'tool_error' | 'unavailable' | 'refused';
  errorCode?: string;
  durationMs: number;
}

/** Listens to a running turn's calls; must return at once and never throw. */
export interface TurnObserver {
  modelCall(call: ModelCallFact): void;
  toolCall(call: ToolCallFact): void;
}

/** Where a turn writes what the browser sees: AI SDK UI message stream chunks, in order. */
export interface TurnSink {
  write(chunk: UIMessageChunk): void;
}

export interface TurnUsage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  /** Model calls made in the turn. */
  modelCalls: number;
  /** Estimated cost in US dollars at the configured model's list price. */
  costUsd: number;
}

/** The usage of a turn that has not called the model (yet). */
export function emptyTurnUsage(): TurnUsage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationInputTokens: 0,
    cacheReadInputTokens: 0,
    modelCalls: 0,
    costUsd: 0,
  };
}

export interface TurnResult {
  /** The conversation after the turn, to store. */
  history: MessageParam[];
  /** Non-empty when the turn stopped to ask the customer. */
  pending: PendingApproval[];
  finishReason: 'stop' | 'approval' | 'length' | 'iteration-limit' | 'error' | 'aborted';
  usage: TurnUsage;
}

/** Runs one turn: the loop of model calls and tool calls until an answer, an approval request or a limit. */
export interface TurnRunner {
  run(input: TurnInput, sink: TurnSink): Promise<TurnResult>;
}
