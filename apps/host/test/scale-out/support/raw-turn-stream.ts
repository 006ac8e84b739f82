import type { UIMessageChunk } from 'ai';

/** A turn as one reader saw it: every chunk, in order, and the answer text they make. */
export interface ReadTurn {
  chunks: UIMessageChunk[];
  /** The answer's text as a client that honours `data-turn-restart` shows it. */
  text: string;
  /** Whether the stream ended with a `finish` chunk (not cut off). */
  finished: boolean;
  /** Times the turn was restarted after a lost worker. */
  restarts: number;
}

export interface ChatRequestInput {
  baseUrl: string;
  conversationId: string;
  token: string;
  /** A new customer message… */
  text?: string;
  /** …or the customer's answers to approval requests: the tool parts, answered. */
  approvals?: { toolCallId: string; toolName: string; input: unknown; approvalId: string; approved: boolean }[];
  signal?: AbortSignal;
  /** The client's address as a trusted proxy reports it (`X-Forwarded-For`): many clients from one machine. */
  clientAddress?: string;
}

/** POSTs one chat message (as the AI SDK transport would) and returns the streaming response. */
export async function postChat(input: ChatRequestInput): Promise<Response> {
  const last = input.approvals
    ? {
        id: 'answers',
        role: 'assistant',
        parts: input.approvals.map((a) => ({
          type: `tool-${a.toolName}`,
          toolCallId: a.toolCallId,
          state: 'approval-responded',
          input: a.input,
          approval: { id: a.approvalId, approved: a.approved },
        })),
      }
    : { id: `u-${Math.random().toString(36).slice(2)}`, role: 'user', parts: [{ type: 'text', text: input.text }] };
  return fetch(`${input.baseUrl}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(input.token), ...forwardedFor(input.clientAddress) },
    body: JSON.stringify({ id: input.conversationId, messages: [last], trigger: 'submit-message' }),
    ...(input.signal ? { signal: input.signal } : {}),
  });
}

/** Opens the resume stream of a conversation's running turn (204 when none runs). */
export function resumeChat(baseUrl: string, conversationId: string, token: string): Promise<Response> {
  return fetch(`${baseUrl}/api/chat/${conversationId}/stream`, { headers: auth(token) });
}

/**
 * Reads a UI message stream (SSE) to its end, calling `onChunk` for each chunk as it arrives. Applies
 * `data-turn-restart` as the widget does: the text written before it is dropped.
 */
export async function readTurn(response: Response, onChunk?: (chunk: UIMessageChunk) => void): Promise<ReadTurn> {
  if (!response.ok || !response.body) throw new Error(`chat answered ${response.status}: ${await response.text()}`);
  const chunks: UIMessageChunk[] = [];
  let buffer = '';
  const decoder = new TextDecoder();
  try {
    for await (const bytes of response.body) {
      buffer += decoder.decode(bytes as Uint8Array, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const data = event
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        if (!data || data === '[DONE]') continue;
        const chunk = JSON.parse(data) as UIMessageChunk;
        chunks.push(chunk);
        onChunk?.(chunk);
      }
    }
  } catch {
    // A stream cut by the client (abort) or the server: what was read so far is the answer.
  }
  return summarize(chunks);
}

export function summarize(chunks: UIMessageChunk[]): ReadTurn {
  let text = '';
  let restarts = 0;
  for (const chunk of chunks) {
    if (chunk.type === 'data-turn-restart') {
      text = '';
      restarts++;
    } else if (chunk.type === 'text-delta') text += chunk.delta;
  }
  return { chunks, text, finished: chunks.at(-1)?.type === 'finish', restarts };
}

/** The stored conversation's last assistant message text (`GET /api/chat/:id`). */
export async function storedAnswer(
  baseUrl: string,
  conversationId: string,
  token: string,
  clientAddress?: string,
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/chat/${conversationId}`, {
    headers: { ...auth(token), ...forwardedFor(clientAddress) },
  });
  if (!response.ok)
    throw new Error(`GET /api/chat/${conversationId} answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { messages: { role: string; parts: { type: string; text?: string }[] }[] };
  const last = body.messages.findLast((m) => m.role === 'assistant');
  return (last?.parts ?? []).map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join('');
}

function forwardedFor(address: string | undefined): Record<string, string> {
  return address ? { 'x-forwarded-for': address } : {};
}

/** The customer's `Authorization` header; none for an anonymous visitor (an empty token). */
function auth(token: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
