/** A UI message stream body as the host sends it: one `data:` line per chunk, then `data: [DONE]`. */
export function uiMessageSse(chunks: readonly object[]): string {
  return `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`;
}

export const SSE_HEADERS = { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' } as const;
