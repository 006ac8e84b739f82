import { ChatApiError } from '../chat/chat-api-error.ts';

/** Caps of open chat streams in one API process, with their reasons. */
export const STREAM_LIMIT_DEFAULTS = {
  /**
   * Streams one client (customer, or IP address) holds open: a few tabs each with one chat. More is a client
   * holding connections (and stream readers) open to exhaust the process.
   */
  perClient: 8,
  /** Streams reading one conversation: one tab, plus a reload or a second tab resuming it. */
  perConversation: 4,
  /** The `Retry-After` hint: a closed stream frees its slot at once, so a short wait is enough. */
  retryAfterSeconds: 5,
} as const;

export type StreamLimitOptions = { perClient: number; perConversation: number; retryAfterSeconds: number };

export interface StreamLimits {
  /**
   * Takes a slot for a stream of `client` reading `conversation`, or throws 429 `rate_limited` (with
   * `Retry-After`) when either already has its cap. Returns the release, to call once when the stream closes.
   */
  open(client: string, conversation: string): () => void;
}

/**
 * Counts the open streams of this process (a stream is a connection to this process, so the count is
 * local: each API replica bounds its own).
 */
export function createStreamLimits(options: Partial<StreamLimitOptions> = {}): StreamLimits {
  const limits: StreamLimitOptions = { ...STREAM_LIMIT_DEFAULTS, ...options };
  const byClient = new Map<string, number>();
  const byConversation = new Map<string, number>();
  const change = (counts: Map<string, number>, key: string, by: number): void => {
    const next = (counts.get(key) ?? 0) + by;
    if (next <= 0) counts.delete(key);
    else counts.set(key, next);
  };
  return {
    open(client, conversation) {
      const full =
        (byClient.get(client) ?? 0) >= limits.perClient
          ? `at most ${limits.perClient} open chat streams per visitor`
          : (byConversation.get(conversation) ?? 0) >= limits.perConversation
            ? `at most ${limits.perConversation} open streams per conversation`
            : undefined;
      if (full) {
        throw new ChatApiError(
          'rate_limited',
          `Too many open streams: ${full}. Close one, or try again in ${limits.retryAfterSeconds} seconds.`,
          { retryAfterSeconds: limits.retryAfterSeconds },
        );
      }
      change(byClient, client, 1);
      change(byConversation, conversation, 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        change(byClient, client, -1);
        change(byConversation, conversation, -1);
      };
    },
  };
}
