import type { UIMessage } from 'ai';

// What a test sends to the chat API and reads back: hand-made requests, the SSE chunks, stored conversations.

/** POSTs a hand-made chat body, as a forged or broken client would. */
export function postChat(
  baseUrl: string,
  body: unknown,
  init: { token?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
) {
  return fetch(`${baseUrl}/api/chat`, {
    method: 'POST',
    ...(init.signal ? { signal: init.signal } : {}),
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The JSON chunks of a finished SSE body, `[DONE]` excluded. */
export async function readChunks(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice('data: '.length)) as Record<string, unknown>);
}

/** A user message as the AI SDK client sends it. */
export function userMessage(text: string, id = `u_${Math.random().toString(36).slice(2, 10)}`) {
  return { id, role: 'user' as const, parts: [{ type: 'text' as const, text }] };
}

/** A unique conversation id per test. */
export function newChatId(): string {
  return `chat-${crypto.randomUUID()}`;
}

/** A JSON body, typed by the caller (tests assert on its shape anyway). */
export async function readJson<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export interface StoredConversation {
  id: string;
  messages: UIMessage[];
}

/** `GET /api/chat/:id` as a caller with `token` (or anonymous). */
export async function fetchConversation(baseUrl: string, id: string, token?: string): Promise<StoredConversation> {
  const response = await fetch(
    `${baseUrl}/api/chat/${id}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  if (!response.ok) throw new Error(`GET /api/chat/${id} answered ${response.status}`);
  return readJson<StoredConversation>(response);
}
