import type { UIMessageChunk } from '@shopchat/chat-views';

/**
 * Reads a Server-Sent Events body as UI message stream chunks: one JSON object per `data:` line,
 * `data: [DONE]` ends it, comments (`: stream-open`) are skipped.
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<UIMessageChunk> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n');
    while (end >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf('\n');
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') return;
      try {
        const chunk = JSON.parse(data) as UIMessageChunk;
        if (chunk && typeof chunk.type === 'string') yield chunk;
      } catch {
        // a malformed line is skipped, as the SDK's tolerant reader does
      }
    }
  }
}
