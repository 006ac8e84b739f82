// Types only: the host's zod schemas would add ~450 KB of zod to the page; the types keep the two in step
// at compile time, and the host checks its own answers against the schemas in its tests.
import type { ConsoleMetrics, ConversationList, Transcript } from '@shopchat/host/console-schemas';
import { staffSession } from './staff-session.ts';

/** An answer of the console API other than 2xx; `signedOut` when the token was refused (401/403). */
export class ConsoleApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
  get signedOut(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/**
 * The staff console API (`/api/console/*` of the host that serves this page), with the staff token as
 * `Authorization: Bearer`. Everything the pages show of an answer goes in as text, never as HTML.
 */
export const consoleApi = {
  conversations: (filters: URLSearchParams, signal?: AbortSignal): Promise<ConversationList> =>
    get<ConversationList>(`/api/console/conversations?${filters}`, signal),
  transcript: (id: string, signal?: AbortSignal): Promise<Transcript> =>
    get<Transcript>(`/api/console/conversations/${encodeURIComponent(id)}`, signal),
  metrics: (window: { from: string; to: string }, signal?: AbortSignal): Promise<ConsoleMetrics> =>
    get<ConsoleMetrics>(`/api/console/metrics?${new URLSearchParams(window)}`, signal),
  /** `GET /api/tools` (public): the tools' icons, as the widget shows them. */
  tools: async (): Promise<unknown> => (await fetch('/api/tools')).json(),
};

async function get<T>(path: string, signal?: AbortSignal, token = staffSession.token()): Promise<T> {
  const response = await fetch(path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(signal ? { signal } : {}),
  });
  const body = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown } | null;
  if (!response.ok) {
    throw new ConsoleApiError(
      response.status,
      typeof body?.error === 'string' ? body.error : 'http_error',
      typeof body?.message === 'string' ? body.message : `The console API answered ${response.status}.`,
    );
  }
  return body as T;
}

/** Checks a token by asking for one conversation with it: resolves when the host accepts it. */
export async function checkStaffToken(token: string): Promise<void> {
  await get<ConversationList>('/api/console/conversations?limit=1', undefined, token);
}
