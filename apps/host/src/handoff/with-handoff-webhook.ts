import type { Logger } from 'pino';
import type { ConversationStore } from '../chat/conversation-store.ts';
import { handoffWebhookPayload } from './handoff-webhook-payloads.ts';
import type { HandoffWebhookSender } from './handoff-webhook-sender.ts';
import type { Handoffs } from './handoffs.ts';

/**
 * The hand-off operations, and each new hand-off (bot → waiting) also sent to the external helpdesk. The id
 * of a hand-off is its conversation and the time it began waiting, so a retried turn sends it once and a later
 * hand-off of the same conversation is sent again.
 */
export function withHandoffWebhook(
  handoffs: Handoffs,
  deps: { sender: HandoffWebhookSender; conversations?: ConversationStore; log: Pick<Logger, 'error'> },
): Handoffs {
  return {
    ...handoffs,
    async request(input) {
      const handoff = await handoffs.request(input);
      if (handoff.state === 'waiting') {
        const conversation = await deps.conversations?.get(handoff.conversationId);
        await deps.sender
          .send(`${handoff.conversationId}.${handoff.waitingSince}`, handoffWebhookPayload(handoff, conversation))
          .catch((error: unknown) =>
            deps.log.error({ err: error }, 'could not queue the hand-off webhook (Redis away)'),
          );
      }
      return handoff;
    },
  };
}
