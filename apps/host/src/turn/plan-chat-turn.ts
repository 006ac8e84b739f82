import type { UIMessage } from 'ai';
import { ChatApiError } from '../chat/chat-api-error.ts';
import type { Conversation } from '../chat/conversation-store.ts';
import type { ChatRequestReading } from '../chat/read-chat-request.ts';
import { matchApprovalAnswers } from './match-approval-answers.ts';
import type { ApprovalAnswer } from './turn-contract.ts';

/** What a turn starts from, worked out from the stored conversation and the request. */
export interface ChatTurnPlan {
  userText?: string;
  answers: ApprovalAnswer[];
  /** The assistant message the turn writes: a new one, or the stored one it continues after approvals. */
  assistant: UIMessage;
  /** The conversation's UI messages as the turn starts (the user message added, answers recorded). */
  messages: UIMessage[];
  /**
   * Tool calls of an earlier message that the turn settles (approvals left unanswered when the customer
   * wrote something else). Their chunks belong to that message, not to this turn's stream.
   */
  settledElsewhere: Set<string>;
  /** Answers in the request that named no pending approval of this conversation. */
  droppedAnswers: number;
}

const NOT_CONFIRMED = 'Not confirmed: the customer sent a new message instead.';

/**
 * Plans a turn: a new user message starts a new assistant message (and closes any approval cards left
 * open); approval answers continue the stored assistant message that asked for them.
 */
export function planChatTurn(
  conversation: Conversation,
  request: ChatRequestReading,
  options: { now: number; newId: () => string },
): ChatTurnPlan {
  const pendingIds = new Set(conversation.pending.map((p) => p.approvalId));
  if (request.userMessage) {
    const { text } = request.userMessage;
    const taken = new Set(conversation.messages.map((m) => m.id));
    const id = request.userMessage.id && !taken.has(request.userMessage.id) ? request.userMessage.id : options.newId();
    const closed = conversation.messages.map((message) =>
      updateApprovals(message, (approvalId) =>
        pendingIds.has(approvalId) ? { state: 'output-denied', approved: false, reason: NOT_CONFIRMED } : undefined,
      ),
    );
    return {
      userText: text,
      answers: [],
      assistant: { id: options.newId(), role: 'assistant', parts: [] },
      messages: [...closed, { id, role: 'user', parts: [{ type: 'text', text }] }],
      settledElsewhere: new Set(conversation.pending.map((p) => p.toolCallId)),
      droppedAnswers: 0,
    };
  }

  if (conversation.pending.length === 0) {
    throw new ChatApiError(
      'invalid_request',
      'Invalid request: messages: no approval is waiting for an answer in this conversation; send a user message.',
    );
  }
  const answers = matchApprovalAnswers(request.approvalResponses, conversation.pending, options.now);
  const byId = new Map(answers.map((a) => [a.approvalId, a]));
  const askedIn = conversation.messages.findLastIndex((message) =>
    message.parts.some((part) => pendingIds.has(approvalOf(part)?.id ?? '')),
  );
  const asked = conversation.messages[askedIn];
  const assistant = asked
    ? updateApprovals(asked, (approvalId) => {
        const answer = byId.get(approvalId);
        return answer && { state: 'approval-responded', approved: answer.approved, reason: answer.reason };
      })
    : ({ id: options.newId(), role: 'assistant', parts: [] } satisfies UIMessage);
  const messages = asked
    ? conversation.messages.map((message, i) => (i === askedIn ? assistant : message))
    : conversation.messages;
  return {
    answers,
    assistant,
    messages,
    settledElsewhere: new Set(),
    droppedAnswers: request.approvalResponses.length - answers.length,
  };
}

type ApprovalUpdate = { state: string; approved: boolean; reason?: string | undefined } | undefined;

/** Copies `message`, updating tool parts still waiting on an approval that `decide` has an answer for. */
function updateApprovals(message: UIMessage, decide: (approvalId: string) => ApprovalUpdate): UIMessage {
  let changed = false;
  const parts = message.parts.map((part) => {
    const approval = approvalOf(part);
    if (!approval || (part as { state?: string }).state !== 'approval-requested') return part;
    const update = decide(approval.id);
    if (!update) return part;
    changed = true;
    return {
      ...part,
      state: update.state,
      approval: { ...approval, approved: update.approved, ...(update.reason ? { reason: update.reason } : {}) },
    } as typeof part;
  });
  return changed ? { ...message, parts } : message;
}

function approvalOf(part: UIMessage['parts'][number]): { id: string } | undefined {
  const approval = (part as { approval?: { id?: unknown } }).approval;
  return typeof approval?.id === 'string' ? (approval as { id: string }) : undefined;
}
