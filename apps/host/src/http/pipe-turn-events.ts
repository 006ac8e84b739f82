import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { UI_MESSAGE_STREAM_HEADERS } from 'ai';
import type { TurnStreamEvent } from '../chat/turn-stream-hub.ts';

/**
 * Writes a turn's events to the browser as the AI SDK's UI message stream (SSE `data:` lines, `[DONE]` at
 * the end, the same headers), each with its `id:`, so a client that reconnects can send `Last-Event-ID`
 * and get only what it missed. A comment every `keepAliveMs` keeps proxies from closing a quiet stream.
 * Resolves when the stream ends or the client goes away (the events are then cancelled).
 */
export async function pipeTurnEvents(
  res: ServerResponse,
  events: ReadableStream<TurnStreamEvent>,
  options: { keepAliveMs: number },
): Promise<void> {
  res.writeHead(200, UI_MESSAGE_STREAM_HEADERS);
  res.write(': stream-open\n\n');
  const reader = events.getReader();
  let gone = false;
  const leave = () => {
    if (res.writableFinished) return;
    gone = true;
    reader.cancel(new Error('the client went away')).catch(() => {});
  };
  res.once('close', leave);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), options.keepAliveMs);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || gone || res.destroyed) break;
      if (!res.write(`id: ${value.id}\ndata: ${JSON.stringify(value.chunk)}\n\n`)) {
        await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
    }
    if (!gone && !res.destroyed) res.write('data: [DONE]\n\n');
  } finally {
    clearInterval(keepAlive);
    res.off('close', leave);
    if (!res.destroyed) res.end();
  }
}
