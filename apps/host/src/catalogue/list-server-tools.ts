import type { Client, Tool } from '@modelcontextprotocol/client';
import type { Logger } from 'pino';
import { mayRepeatRequest } from './classify-mcp-failure.ts';

export interface ListServerToolsOptions {
  signal: AbortSignal;
  /** The SDK's per-request timeout, in milliseconds. */
  timeout: number;
  /** Tools kept; the rest are dropped with a warning. */
  maxTools: number;
  log: Logger;
}

/**
 * Every tool a server lists. Without a cursor the SDK follows `nextCursor` through all pages (at most
 * its `listMaxPages`). A listing is harmless to repeat, so a stale keep-alive socket costs no outage.
 */
export async function listServerTools(client: Client, options: ListServerToolsOptions): Promise<Tool[]> {
  const list = () =>
    client.listTools(undefined, { signal: options.signal, timeout: options.timeout, cacheMode: 'refresh' });
  const { tools } = await list().catch((error: unknown) => {
    if (options.signal.aborted || !mayRepeatRequest(error, true)) throw error;
    return list();
  });
  if (tools.length <= options.maxTools) return tools;
  options.log.warn({ listed: tools.length, kept: options.maxTools }, 'server lists more tools than the host keeps');
  return tools.slice(0, options.maxTools);
}
