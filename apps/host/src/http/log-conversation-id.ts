import { createHash } from 'node:crypto';

/** Hex characters kept: 48 bits tell conversations apart in logs, and reveal nothing usable. */
const LOGGED_HEX_CHARS = 12;

/**
 * How a conversation id appears in logs (a pino serializer of `conversationId`): a short hash. An anonymous
 * chat's id is its only secret, so whoever reads the logs must not be able to join it; the same id always
 * logs the same, so an operator can still follow one conversation (and find it from a known id).
 */
export function logConversationId(id: unknown): string {
  return `sha256:${createHash('sha256').update(String(id)).digest('hex').slice(0, LOGGED_HEX_CHARS)}`;
}
