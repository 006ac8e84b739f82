import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/server';

/**
 * The per-request revisions served natively (no `initialize`, no session: each request names its revision
 * in `_meta` and the `MCP-Protocol-Version` header). The SDK's own list is not public API, so the kit
 * names what it serves.
 */
export const MODERN_PROTOCOL_VERSIONS: readonly string[] = Object.freeze(['2026-07-28']);

/**
 * Every revision a server of the kit speaks, newest first: the per-request revisions, then the 2025-era
 * handshake revisions the SDK negotiates through `initialize` (2025-11-25, 2025-06-18 and older).
 */
export const SERVED_PROTOCOL_VERSIONS: readonly string[] = Object.freeze([
  ...MODERN_PROTOCOL_VERSIONS,
  ...SUPPORTED_PROTOCOL_VERSIONS,
]);
