import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-hash.ts';
import type { TurnJob } from './turn-job.ts';

/**
 * A turn job's HMAC-SHA256 under `TURN_JOB_SECRET` (shared by the API and worker roles only), over the job's
 * canonical JSON without its signature. Redis is a shared place: whoever could write a job there would otherwise
 * choose its `caller` and `answers`, and so act as any customer. The worker runs a job only if this matches.
 */
export function turnJobSignature(job: Omit<TurnJob, 'signature'>, secret: string): string {
  return createHmac('sha256', secret).update(canonicalJson(job)).digest('hex');
}

/** The job as the API queues it: with its signature. */
export function signTurnJob(job: Omit<TurnJob, 'signature'>, secret: string): TurnJob {
  return { ...job, signature: turnJobSignature(job, secret) };
}

/**
 * Whether the job, as read from Redis before any parsing (which would drop members the signature covers), is
 * exactly what an API holding `secret` queued. Constant-time comparison.
 */
export function hasValidTurnJobSignature(raw: unknown, secret: string): boolean {
  if (!raw || typeof raw !== 'object' || typeof (raw as { signature?: unknown }).signature !== 'string') return false;
  const { signature, ...unsigned } = raw as { signature: string };
  const expected = Buffer.from(turnJobSignature(unsigned as Omit<TurnJob, 'signature'>, secret), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
