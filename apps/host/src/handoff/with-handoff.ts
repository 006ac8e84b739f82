import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { emptyTurnUsage, type TurnResult, type TurnRunner } from '../turn/turn-contract.ts';
import { HandoffRequestSchema, isWithPeople } from './handoff-state.ts';
import { HANDOFF_TOOL_NAME } from './handoff-tool.ts';
import { appendText, type Handoffs, noticeChunk } from './handoffs.ts';

/**
 * The turn runner, aware of hand-offs:
 * - while the conversation waits for or is with a person, the model is not called: the customer's message
 *   joins the history and goes to the console's queue, and the reply tells the widget who answers;
 * - when the model called the hand-off tool and it succeeded, the conversation starts waiting for a person.
 */
export function withHandoff(runner: TurnRunner, handoffs: Handoffs, log: Pick<Logger, 'error'>): TurnRunner {
  return {
    async run(input, sink) {
      const current = await handoffs.store.get(input.conversationId);
      if (current && isWithPeople(current)) {
        sink.write(noticeChunk(current));
        if (input.userText === undefined) {
          return { history: input.history, pending: input.pending, finishReason: 'stop', usage: emptyTurnUsage() };
        }
        const message = {
          id: `msg_${randomUUID().replaceAll('-', '')}`,
          role: 'user' as const,
          parts: [{ type: 'text' as const, text: input.userText }],
        };
        await handoffs.customerWrote(input.conversationId, message);
        return {
          history: appendText(input.history, 'user', input.userText),
          pending: [],
          finishReason: 'stop',
          usage: emptyTurnUsage(),
        } satisfies TurnResult;
      }

      const asked = new Map<string, unknown>();
      let handedOver: unknown;
      const result = await runner.run(input, {
        write(chunk) {
          if (chunk.type === 'tool-input-available' && chunk.toolName === HANDOFF_TOOL_NAME) {
            asked.set(chunk.toolCallId, chunk.input);
          } else if (chunk.type === 'tool-output-available' && asked.has(chunk.toolCallId)) {
            handedOver = asked.get(chunk.toolCallId);
          }
          sink.write(chunk);
        },
      });
      const request = HandoffRequestSchema.safeParse(handedOver);
      if (request.success) {
        try {
          const handoff = await handoffs.request({
            conversationId: input.conversationId,
            customerId: input.caller.kind === 'customer' ? input.caller.customerId : null,
            ...request.data,
          });
          sink.write(noticeChunk(handoff));
        } catch (error) {
          log.error({ err: error, conversationId: input.conversationId }, 'hand-off could not be stored');
        }
      }
      return result;
    },
  };
}
