import { readUIMessageStream, type UIMessage, type UIMessageChunk } from 'ai';
import { createDeltaRun } from './coalesce-text-deltas.ts';

export interface UIMessageBuilder {
  push(chunk: UIMessageChunk): void;
  /** Ends the input and resolves with the message as the chunks built it. */
  finish(): Promise<UIMessage>;
}

/**
 * Builds the assistant message from the turn's chunks with the AI SDK's own reader, so the stored message
 * is exactly what a client that read the stream holds. Starts from `base` (empty, or the stored message a
 * turn continues). A chunk the reader rejects ends the building; what was built until then is kept.
 *
 * `mergeDeltas`: consecutive deltas of one part reach the reader as one chunk. The reader copies the whole
 * message (tool outputs included) for every chunk it reads, so a long answer cost a copy per token; merged,
 * it costs one per part. The message built is the same, since a part's text is the concatenation of its deltas.
 */
export function createUIMessageBuilder(base: UIMessage, options: { mergeDeltas?: boolean } = {}): UIMessageBuilder {
  let input: ReadableStreamDefaultController<UIMessageChunk> | undefined;
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      input = controller;
    },
  });
  let latest = base;
  let broken = false;
  const reading = (async () => {
    const messages = readUIMessageStream({
      message: structuredClone(base),
      stream,
      // `error` chunks land here too; they are part of the message's story, not a reason to stop.
      onError: () => {},
    });
    for await (const message of messages) latest = message;
  })();

  const enqueue = (chunk: UIMessageChunk): void => {
    if (broken) return;
    try {
      input?.enqueue(chunk);
    } catch {
      broken = true; // the reader gave up on an inconsistent chunk and cancelled its input
    }
  };
  const run = options.mergeDeltas ? createDeltaRun() : undefined;
  const releaseRun = (): void => {
    const merged = run?.take();
    if (merged) enqueue(merged);
  };

  return {
    push(chunk) {
      if (run?.add(chunk)) return;
      releaseRun();
      if (!run?.add(chunk)) enqueue(chunk);
    },
    async finish() {
      releaseRun();
      try {
        input?.close();
      } catch {
        // already cancelled by the reader
      }
      await reading;
      return latest;
    },
  };
}
