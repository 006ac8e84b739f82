/** The JSON documents among a result's text parts (a part that is not JSON is a summary for people). */
export function parseJsonParts(texts: readonly string[]): unknown[] {
  return texts.flatMap((text) => {
    const trimmed = text.trim();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return [];
    try {
      return [JSON.parse(trimmed) as unknown];
    } catch {
      return [];
    }
  });
}
