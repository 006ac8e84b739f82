import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createInMemoryOncePerWindow, createRedisOncePerWindow, type OncePerWindow } from './once-per-window.ts';

/** The header both directions of the helpdesk webhook are signed in: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'x-shopchat-signature';

/** How far a signature's timestamp may be from now: a captured request is useless after this. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/**
 * The header value for `body` at `unixSeconds`: HMAC-SHA256 of `"<t>.<raw body>"` (as Stripe and Slack do).
 * A reply to a conversation signs `"<t>.<conversation id>.<raw body>"`: the id is in the path, not the body,
 * and a signature good for one conversation must not be good for another.
 */
export function signWebhookBody(secret: string, body: string, unixSeconds: number, conversationId?: string): string {
  return `t=${unixSeconds},v1=${hmac(secret, unixSeconds, body, conversationId)}`;
}

export type SignatureCheck = { ok: true; signature: string } | { ok: false; problem: string };

/**
 * Checks `header` against the raw `body`: well formed, within the tolerance, and a `v1` that matches (compared
 * in constant time). Replays within the tolerance are the {@link ReplayGuard}'s to catch.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  conversationId?: string,
): SignatureCheck {
  const fields = new Map(
    (header ?? '').split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(fields.get('t'));
  const v1 = fields.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) {
    return { ok: false, problem: `The ${SIGNATURE_HEADER} header must be "t=<unix seconds>,v1=<hex HMAC-SHA256>".` };
  }
  if (Math.abs(nowSeconds - t) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, problem: 'The signature’s timestamp is too old or in the future; sign the request afresh.' };
  }
  const expected = Buffer.from(hmac(secret, t, body, conversationId), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) {
    return { ok: false, problem: 'The signature does not match the body (wrong secret, or the body was changed).' };
  }
  return { ok: true, signature: v1 };
}

function hmac(secret: string, t: number, body: string, conversationId?: string): string {
  const signed = conversationId === undefined ? `${t}.${body}` : `${t}.${conversationId}.${body}`;
  return createHmac('sha256', secret).update(signed).digest('hex');
}

/** Remembers the signatures already accepted within the tolerance window, so a captured request cannot be replayed. */
export interface ReplayGuard {
  /** True the first time `signature` is seen within the window; false for a replay. */
  firstUse(signature: string): Promise<boolean>;
}

const WINDOW_MS = 2 * SIGNATURE_TOLERANCE_SECONDS * 1000;

const replayGuardOf = (seen: OncePerWindow): ReplayGuard => ({ firstUse: (signature) => seen.first(signature) });

/** Across replicas: one `SET NX PX` per signature. */
export function createRedisReplayGuard(options: { redis: Redis; prefix: string }): ReplayGuard {
  return replayGuardOf(createRedisOncePerWindow({ ...options, name: 'handoff-webhook:seen', windowMs: WINDOW_MS }));
}

/** One process: a map of signature → expiry, swept as it is used. */
export function createInMemoryReplayGuard(now: () => number = Date.now): ReplayGuard {
  return replayGuardOf(createInMemoryOncePerWindow(WINDOW_MS, now));
}
