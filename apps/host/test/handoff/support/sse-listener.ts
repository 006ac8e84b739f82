import { EventSourceParserStream } from 'eventsource-parser/stream';
/** A live SSE stream as a test reads it: every `data:` event so far, parsed, and a way to wait for one. */
export interface SseListener<T = Record<string, unknown>> {
  readonly events: T[];
  /** Resolves with the first event (already seen or yet to come) that `match` accepts. */
  next(match: (event: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

/** Opens `url` as an SSE stream with `token`, once the response's headers are in. */
export async function listenSse<T = Record<string, unknown>>(url: string, token: string): Promise<SseListener<T>> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  const events: T[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    try {
      const stream = (response.body as ReadableStream<Uint8Array>)
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream());
      for await (const event of stream) {
        if (event.data) events.push(JSON.parse(event.data) as T);
        for (const wake of waiters) wake();
      }
    } catch {
      // closed by the test
    }
  })();
  return {
    events,
    next(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; saw ${JSON.stringify(events).slice(0, 2000)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => abort.abort(),
  };
}
