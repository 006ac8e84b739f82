import { toolIconsOf, type UIMessage, type UIMessageChunk, type UIPart } from '@shopchat/chat-views';
import { applyChunk } from './apply-chunk.ts';
import { newId } from './conversation-memory.ts';
import { readSse } from './read-sse.ts';

/** A failed request, with a stable `code` the UI turns into plain language. */
export class ChatClientError extends Error {
  readonly code: 'network' | 'rate_limited' | 'busy' | 'unauthorized' | 'too_long' | 'server';
  readonly isRetryable: boolean;
  constructor(code: ChatClientError['code'], options?: { cause?: unknown }) {
    super(code, options);
    this.name = 'ChatClientError';
    this.code = code;
    this.isRetryable = code !== 'unauthorized' && code !== 'too_long';
  }
}

export interface ChatClientOptions {
  /** Base URL of the host (`https://chat.shop.example`), without a trailing slash. */
  api: string;
  /** The shop's customer token, or null for an anonymous visitor. Asked before every request. */
  token: () => Promise<string | null> | string | null;
  fetch?: typeof fetch;
}

/** Called after every chunk with the message being built. */
export type OnUpdate = (message: UIMessage) => void;

/** Called with each transient data part of a stream (`data-handoff`, `data-typing`): they belong to no message. */
export type OnData = (chunk: UIMessageChunk) => void;

/** What `GET /api/chat/:id/events` delivers. */
export interface LiveEventHandlers {
  /** The stream is open (200): anything sent from now on arrives on it. */
  onOpen(): void;
  /** A person's message, after each of its chunks (the same object while it streams). */
  onMessage: OnUpdate;
  onData: OnData;
}

/** How a live events stream ended: the server closed it (`ended`), or there is no such conversation (`gone`). */
export type LiveEventsOutcome = 'ended' | 'gone';

/**
 * A small client of the host's chat API, faithful to the AI SDK chat transport: it posts
 * `{ id, messages, trigger }`, reads the UI message stream, resumes from `GET /api/chat/:id/stream`
 * and loads the stored history from `GET /api/chat/:id`. (The `ai` package's `AbstractChat` with
 * `DefaultChatTransport` is ~55 KB gzipped on its own, over the widget's 35 KB budget.)
 */
export class ChatClient {
  readonly #options: ChatClientOptions;
  constructor(options: ChatClientOptions) {
    this.#options = options;
  }

  async #headers(json: boolean): Promise<Record<string, string>> {
    const token = await this.#options.token();
    return {
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
  }

  async #fetch(path: string, init: RequestInit): Promise<Response> {
    const doFetch = this.#options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(`${this.#options.api}${path}`, init);
    } catch (cause) {
      throw new ChatClientError('network', { cause });
    }
    if (response.ok || response.status === 204 || response.status === 404) return response;
    const code =
      response.status === 429
        ? 'rate_limited'
        : response.status === 409
          ? 'busy'
          : response.status === 401
            ? 'unauthorized'
            : response.status === 413 || response.status === 400
              ? 'too_long'
              : 'server';
    throw new ChatClientError(code);
  }

  /** Each tool's icon (`GET /api/tools`), checked for display; empty when the list cannot be read. */
  async toolIcons(pageOrigin: string): Promise<Map<string, string>> {
    try {
      const response = await this.#fetch('/api/tools', {});
      return response.ok ? toolIconsOf(await response.json(), pageOrigin) : new Map();
    } catch {
      return new Map(); // icons are decoration: the chat works without them
    }
  }

  /** The stored conversation, or [] when the server has none for this caller. */
  /** `POST /api/chat/:id/feedback`; a conversation rated before (409) counts as done. */
  async rate(id: string, rating: number, comment: string): Promise<void> {
    try {
      await this.#fetch(`/api/chat/${encodeURIComponent(id)}/feedback`, {
        method: 'POST',
        headers: await this.#headers(true),
        body: JSON.stringify({ rating, ...(comment ? { comment } : {}) }),
      });
    } catch (error) {
      if (!(error instanceof ChatClientError && error.code === 'busy')) throw error;
    }
  }

  async history(id: string): Promise<UIMessage[]> {
    const response = await this.#fetch(`/api/chat/${encodeURIComponent(id)}`, { headers: await this.#headers(false) });
    if (!response.ok) return [];
    const body = (await response.json()) as { messages?: UIMessage[] };
    return Array.isArray(body.messages) ? body.messages : [];
  }

  /**
   * Posts the messages (the last is the new user message, or the assistant message holding approval
   * answers) and streams the answer into `base` (a new assistant message, or the one being continued).
   */
  async send(id: string, messages: UIMessage[], base: UIMessage, onUpdate: OnUpdate, onData?: OnData): Promise<void> {
    const response = await this.#fetch('/api/chat', {
      method: 'POST',
      headers: await this.#headers(true),
      body: JSON.stringify({ id, messages, trigger: 'submit-message' }),
    });
    await this.#read(response, base, onUpdate, onData);
  }

  /** Resumes a running turn's stream; false when none is running (204). */
  async resume(id: string, base: UIMessage, onUpdate: OnUpdate, onData?: OnData): Promise<boolean> {
    const response = await this.#fetch(`/api/chat/${encodeURIComponent(id)}/stream`, {
      headers: await this.#headers(false),
    });
    if (response.status !== 200 || !response.body) return false;
    await this.#read(response, base, onUpdate, onData);
    return true;
  }

  /**
   * Follows `GET /api/chat/:id/events` (a person's messages, hand-off state, typing) until the server ends it or
   * `signal` aborts. Each message there starts with its own `start` chunk. Throws `ChatClientError` when it fails.
   */
  async events(id: string, handlers: LiveEventHandlers, signal: AbortSignal): Promise<LiveEventsOutcome> {
    const response = await this.#fetch(`/api/chat/${encodeURIComponent(id)}/events`, {
      headers: await this.#headers(false),
      signal,
    });
    if (response.status === 404) return 'gone';
    if (response.status !== 200 || !response.body) throw new ChatClientError('server');
    handlers.onOpen();
    let message: UIMessage | undefined;
    let open = new Map<string, UIPart>();
    try {
      for await (const chunk of readSse(response.body)) {
        if (isTransientData(chunk)) {
          handlers.onData(chunk);
          continue;
        }
        if (chunk.type === 'start') {
          message = { id: newId('msg'), role: 'assistant', parts: [] };
          open = new Map();
        }
        if (!message) continue;
        applyChunk(message, chunk, open);
        handlers.onMessage(message);
        if (chunk.type === 'finish') message = undefined;
      }
    } catch (cause) {
      throw new ChatClientError('network', { cause });
    }
    return 'ended';
  }

  async #read(response: Response, base: UIMessage, onUpdate: OnUpdate, onData?: OnData): Promise<void> {
    if (!response.body) throw new ChatClientError('server');
    const open = new Map<string, UIPart>();
    let error: string | undefined;
    try {
      for await (const chunk of readSse(response.body)) {
        if (isTransientData(chunk)) onData?.(chunk);
        error = applyChunk(base, chunk, open) ?? error;
        onUpdate(base);
      }
    } catch (cause) {
      throw new ChatClientError('network', { cause });
    }
    if (error) throw new ChatClientError('server');
  }
}

/** A `data-*` chunk marked `transient`: a signal (hand-off state, typing) that is no part of a message. */
function isTransientData(chunk: UIMessageChunk): boolean {
  return chunk.type.startsWith('data-') && chunk.transient === true;
}
