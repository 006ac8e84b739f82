import { EventSourceParserStream } from 'eventsource-parser/stream';
import { ConsoleApiError } from './console-api.ts';
import { staffSession } from './staff-session.ts';

/** A conversation handed to people, as the host's hand-off API describes it (`HandoffSchema`). */
export interface Handoff {
  conversationId: string;
  customerId: string | null;
  state: 'bot' | 'waiting' | 'with_agent' | 'closed';
  summary: string;
  reason: string;
  agent?: { staffId: string; name: string };
  waitingSince: number;
  agentsAvailable: boolean;
}

export interface LiveMessage {
  id: string;
  role: 'user' | 'assistant';
  metadata?: { author?: { kind: string; name: string } };
  parts: { type: string; text?: string }[];
}

/** An event of the live queue (`GET /api/console/queue/events`). */
export type QueueEvent =
  | { type: 'snapshot'; conversations: Handoff[] }
  | { type: 'handoff'; handoff: Handoff }
  | { type: 'message'; conversationId: string; message: LiveMessage };

const auth = (): Record<string, string> => {
  const token = staffSession.token();
  return token ? { authorization: `Bearer ${token}` } : {};
};

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { ...auth(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown } | null;
  if (!response.ok) {
    throw new ConsoleApiError(
      response.status,
      typeof json?.error === 'string' ? json.error : 'http_error',
      typeof json?.message === 'string' ? json.message : `The console API answered ${response.status}.`,
    );
  }
  return json as T;
}

const conversation = (id: string) => `/api/console/conversations/${encodeURIComponent(id)}`;

/** The hand-off operations of the console API. */
export const handoffApi = {
  detail: (id: string) =>
    send<{ handoff: Handoff; messages: LiveMessage[] }>('GET', `/api/console/handoffs/${encodeURIComponent(id)}`),
  claim: (id: string) => send<{ handoff: Handoff }>('POST', `${conversation(id)}/claim`),
  reply: (id: string, text: string) => send<{ message: LiveMessage }>('POST', `${conversation(id)}/messages`, { text }),
  typing: (id: string) => fetch(`${conversation(id)}/typing`, { method: 'POST', headers: auth() }).then(() => {}),
  release: (id: string, to: 'bot' | 'closed') =>
    send<{ handoff: Handoff }>('POST', `${conversation(id)}/release`, { to }),
  /**
   * Follows the queue over SSE until `signal` aborts. Read with fetch (an EventSource cannot send the staff
   * token); after a dropped connection it reconnects, and the snapshot it gets first brings it up to date.
   */
  async follow(onEvent: (event: QueueEvent) => void, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const response = await fetch('/api/console/queue/events', { headers: auth(), signal });
        if (!response.ok || !response.body) throw new Error(`queue stream answered ${response.status}`);
        // A reader loop, not `for await`: not every browser can iterate a ReadableStream yet.
        const events = response.body
          .pipeThrough(new TextDecoderStream())
          .pipeThrough(new EventSourceParserStream())
          .getReader();
        for (let next = await events.read(); !next.done; next = await events.read()) {
          if (next.value.data) onEvent(JSON.parse(next.value.data) as QueueEvent);
        }
      } catch {
        // dropped or refused: try again shortly, unless the page was left
      }
      if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  },
};
