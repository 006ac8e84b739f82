import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { ChatApiError } from '../chat/chat-api-error.ts';
import { closeTurnWithError } from './close-turn-with-error.ts';
import type { RedisTurnStreamHub } from './redis-turn-stream-hub.ts';
import type { TurnDispatcher } from './turn-dispatcher.ts';
import type { TurnJob } from './turn-job.ts';
import { TURN_LIMITS, type TurnLimits } from './turn-limits.ts';
import type { TurnReaderPresence } from './turn-reader-presence.ts';
import { turnJobOptions } from './turn-worker.ts';

export interface QueuedTurnsOptions {
  queue: Queue<TurnJob>;
  hub: RedisTurnStreamHub;
  presence: TurnReaderPresence;
  log: Logger;
  /** Overrides of {@link TURN_LIMITS} (`maxWaitingTurns`, `waitingCountCacheMs`). */
  limits?: Partial<TurnLimits>;
  now?: () => number;
}

/** The API side of a scaled-out host: accepted turns go to the workers through the BullMQ turn queue. */
export function createQueuedTurns(options: QueuedTurnsOptions): TurnDispatcher {
  const { queue, hub, presence, log } = options;
  const limits: TurnLimits = { ...TURN_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  let waiting = { count: 0, at: Number.NEGATIVE_INFINITY };

  return {
    async checkCapacity() {
      if (now() - waiting.at > limits.waitingCountCacheMs) {
        waiting = { count: await queue.getWaitingCount(), at: now() };
      }
      if (waiting.count >= limits.maxWaitingTurns) {
        throw new ChatApiError('server_busy', 'The assistant is busy right now; try again in a moment.');
      }
    },
    async launch(turn) {
      if (!turn.writer.handOff) throw new TypeError('queued turns need a turn stream hub shared through Redis');
      // Everything the API wrote is in the stream before a worker can see the job (it continues after it).
      const handedOffAt = await turn.writer.handOff();
      const job: TurnJob = {
        conversationId: turn.conversation.id,
        turnId: turn.turnId,
        caller: turn.caller,
        ...(turn.plan.userText !== undefined ? { userText: turn.plan.userText } : {}),
        answers: turn.plan.answers,
        assistant: turn.plan.assistant as TurnJob['assistant'],
        settledElsewhere: [...turn.plan.settledElsewhere],
        ...(turn.traceparent ? { traceparent: turn.traceparent } : {}),
        handedOffAt,
        queuedAt: now(),
      };
      try {
        // The turn id is the job id: the same turn is never queued twice.
        await queue.add('turn', job, { ...turnJobOptions(), jobId: turn.turnId });
      } catch (error) {
        log.error({ err: error, conversationId: job.conversationId }, 'could not queue a turn');
        await closeTurnWithError(hub, job, 'The assistant could not take this message. Please try again.').catch(
          () => {},
        );
        throw new ChatApiError('server_busy', 'The assistant could not take this message right now; try again.');
      }
    },
    attachReader: (conversationId) => presence.attach(conversationId),
    running: () => 0,
    idle: () => Promise.resolve(),
  };
}
