import type { RedisTurnStreamHub } from './redis-turn-stream-hub.ts';
import type { TurnJob } from './turn-job.ts';

/**
 * Ends a queued turn that will never run (it could not be queued, or its job failed for good): its readers
 * get `errorText` and a finish, and the conversation gets its turn slot back. Does nothing when the turn
 * has ended or another run holds it.
 */
export async function closeTurnWithError(
  hub: RedisTurnStreamHub,
  job: Pick<TurnJob, 'conversationId' | 'turnId'>,
  errorText: string,
): Promise<void> {
  const adopted = await hub.adopt(job.conversationId, job.turnId, `closing-${job.turnId}`);
  if (adopted.kind !== 'adopted') return;
  adopted.writer.write({ type: 'error', errorText });
  adopted.writer.write({ type: 'finish', finishReason: 'error' });
  await adopted.writer.end();
}
