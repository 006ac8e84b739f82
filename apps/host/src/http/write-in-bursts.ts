import type { Response } from 'express';

/**
 * Makes the writes of one burst leave the process together: the first write of a tick corks the response's
 * socket and the rest of the tick's writes join it, then `process.nextTick` uncorks it, so what a turn
 * writes at once (a model stream's events parsed from one network read: a tool call's input deltas, an
 * answer's text and the turn's end) goes out as one `writev` instead of one system call per SSE event.
 * `nextTick` runs once the microtasks of the burst are done, before any I/O: no event waits for a timer
 * or another turn of the event loop, and the bytes the client reads are the same.
 */
export function writeInBursts(res: Response): void {
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  let corked: NonNullable<Response['socket']> | undefined;
  // The socket's cork, not the response's: the response's own buffers a chunked body's writes into one
  // chunk, which changes the framing; the socket's only gathers the same bytes into one `writev`.
  const uncork = (): void => {
    corked?.uncork();
    corked = undefined;
  };
  res.write = ((...args: unknown[]) => {
    const socket = res.socket;
    if (!corked && socket && !socket.destroyed) {
      corked = socket;
      socket.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  }) as Response['write'];
}
