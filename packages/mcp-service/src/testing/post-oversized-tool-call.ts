/** Four times the kit's default body limit (256 KiB): the transport must refuse it before any tool code runs. */
const OVERSIZED_VALUE_LENGTH = 1_000_000;

/**
 * POSTs a `tools/call` to `url` whose one string argument `field` is a megabyte long, as an attacker would,
 * and returns the HTTP status and body text the server answered with.
 */
export async function postOversizedToolCall(
  url: string,
  tool: string,
  field: string,
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: tool, arguments: { [field]: 'x'.repeat(OVERSIZED_VALUE_LENGTH) } },
    }),
  });
  return { status: response.status, text: await response.text() };
}
