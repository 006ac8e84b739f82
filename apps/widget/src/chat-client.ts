import { toolIconsOf, type UIMessage, type UIPart } from '@shopchat/chat-views';
import { applyChunk } from './apply-chunk.ts';
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
  async send(id: string, messages: UIMessage[], base: UIMessage, onUpdate: OnUpdate): Promise<void> {
    const response = await this.#fetch('/api/chat', {
      method: 'POST',
      headers: await this.#headers(true),
      body: JSON.stringify({ id, messages, trigger: 'submit-message' }),
    });
    await this.#read(response, base, onUpdate);
  }

  /** Resumes a running turn's stream; false when none is running (204). */
  async resume(id: string, base: UIMessage, onUpdate: OnUpdate): Promise<boolean> {
    const response = await this.#fetch(`/api/chat/${encodeURIComponent(id)}/stream`, {
      headers: await this.#headers(false),
    });
    if (response.status !== 200 || !response.body) return false;
    await this.#read(response, base, onUpdate);
    return true;
  }

  async #read(response: Response, base: UIMessage, onUpdate: OnUpdate): Promise<void> {
    if (!response.body) throw new ChatClientError('server');
    const open = new Map<string, UIPart>();
    let error: string | undefined;
    try {
      for await (const chunk of readSse(response.body)) {
        error = applyChunk(base, chunk, open) ?? error;
        onUpdate(base);
      }
    } catch (cause) {
      throw new ChatClientError('network', { cause });
    }
    if (error) throw new ChatClientError('server');
  }
}
