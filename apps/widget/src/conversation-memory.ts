/**
 * Remembers the conversation id per identity in `localStorage`, so a reload (or another page of the
 * shop) continues the same conversation, and switching customers never shows one customer another's chat.
 * The history itself stays on the server (`GET /api/chat/:id`).
 */
export function identityKey(token: string | null): string {
  if (!token) return 'anonymous';
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as {
      sub?: unknown;
    };
    if (typeof payload.sub === 'string') return `sub:${payload.sub}`;
  } catch {
    // not a JWT we can read: fall back to the token's tail
  }
  return `token:${token.slice(-16)}`;
}

export function conversationId(identity: string, storage: Storage | undefined = safeStorage()): string {
  const key = `shopchat:conversation:${identity}`;
  const known = storage?.getItem(key);
  if (known && /^[A-Za-z0-9_-]{1,128}$/.test(known)) return known;
  const id = newId('chat');
  storage?.setItem(key, id);
  return id;
}

/** Whether the customer was already asked to rate this conversation (asked once, across reloads). */
export function ratingAsked(id: string, storage: Storage | undefined = safeStorage()): boolean {
  return storage?.getItem(`shopchat:rating-asked:${id}`) === '1';
}

export function rememberRatingAsked(id: string, storage: Storage | undefined = safeStorage()): void {
  storage?.setItem(`shopchat:rating-asked:${id}`, '1');
}

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '')}`;
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage; // throws when storage is blocked (Safari private mode, sandboxed iframes)
  } catch {
    return undefined;
  }
}
