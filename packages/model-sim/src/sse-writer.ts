import { once } from 'node:events';
import type { Response } from 'express';

/** Writes Server-Sent Events (`event:` + `data:` lines) and waits for the socket when it is full. */
export interface SseWriter {
  send(event: string, data: unknown): Promise<void>;
  end(): void;
}

export function createSseWriter(res: Response, signal: AbortSignal): SseWriter {
  return {
    async send(event, data) {
      signal.throwIfAborted();
      const ok = res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      // A slow reader: hold the next event until the socket drains instead of buffering without bound.
      if (!ok) await once(res, 'drain', { signal });
    },
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}
