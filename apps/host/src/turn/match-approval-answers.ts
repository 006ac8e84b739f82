import type { ApprovalResponse } from '../chat/read-chat-request.ts';
import { canonicalHash } from './canonical-hash.ts';
import type { ApprovalAnswer, PendingApproval } from './turn-contract.ts';

/** Why an approval answer was turned into a "no"; sent to the runner as the answer's reason. */
export const APPROVAL_OVERRIDES = {
  mismatch: 'The answer did not match the pending request (tool call or arguments differ), so it counts as no.',
  expired: 'The approval request had expired when the answer arrived, so it counts as no.',
} as const;

/**
 * Binds the client's approval answers to the approvals this conversation's store holds: an answer counts
 * only for a pending approval of this conversation (by approval id), for the same tool call and tool, with
 * the very arguments shown to the customer, before it expires. An answer naming no pending approval is
 * dropped; one that fails a check is kept as a "no", so the runner refuses the call and can say why.
 */
export function matchApprovalAnswers(
  responses: readonly ApprovalResponse[],
  pending: readonly PendingApproval[],
  now: number,
): ApprovalAnswer[] {
  const answers: ApprovalAnswer[] = [];
  for (const approval of pending) {
    const response = responses.find((r) => r.approvalId === approval.approvalId);
    if (!response) continue;
    if (
      response.toolCallId !== approval.toolCallId ||
      response.toolName !== approval.toolName ||
      canonicalHash(response.input) !== approval.inputHash
    ) {
      answers.push({ approvalId: approval.approvalId, approved: false, reason: APPROVAL_OVERRIDES.mismatch });
    } else if (now > approval.expiresAt) {
      answers.push({ approvalId: approval.approvalId, approved: false, reason: APPROVAL_OVERRIDES.expired });
    } else {
      answers.push({
        approvalId: approval.approvalId,
        approved: response.approved,
        ...(response.reason ? { reason: response.reason } : {}),
      });
    }
  }
  return answers;
}
