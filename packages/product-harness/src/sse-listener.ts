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
      // A reader loop, not `for await`: the console's tests (DOM types) read streams this way too.
      const stream = response.body
        ?.pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream())
        .getReader();
      for (let next = await stream?.read(); next && !next.done; next = await stream?.read()) {
        if (next.value.data) events.push(JSON.parse(next.value.data) as T);
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
