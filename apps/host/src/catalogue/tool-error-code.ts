import type { CallToolResult } from '@modelcontextprotocol/client';
import { ERROR_CODE_META_KEY } from '@shopchat/mcp-service';

/**
 * The stable code a kit-built server puts on an `isError` result (`sign_in_required`, `order_not_found`,
 * `timeout`, …), or undefined for a success or a server that sets none. The loop can act on it (ask the
 * customer to sign in) without parsing the message meant for the model.
 */
export function toolErrorCode(result: CallToolResult): string | undefined {
  if (!result.isError) return undefined;
  const code = result._meta?.[ERROR_CODE_META_KEY];
  return typeof code === 'string' ? code : undefined;
}
