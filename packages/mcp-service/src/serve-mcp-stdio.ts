import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { McpService } from './create-mcp-service.ts';
import type { Caller, IdentityResult } from './customer-identity.ts';
import { ANONYMOUS } from './customer-identity.ts';

/**
 * Serves the same tools over stdio for a desktop MCP client on the developer's machine. There is no host
 * to sign identities there, so the caller is the local developer's choice (`MCP_STDIO_CUSTOMER`), which is
 * why this runner must never be exposed beyond a local process pipe.
 */
export async function serveMcpStdio(service: McpService): Promise<{ close(): Promise<void> }> {
  const server = service.buildServer({ log: service.log, bindings: { transport: 'stdio' } });
  const transport = new StdioServerTransport();
  await server.connect(transport);
  service.log.info({ tools: service.catalogue.names }, 'MCP server ready on stdio');
  return { close: () => server.close() };
}

/** The identity of stdio calls: the customer named in `MCP_STDIO_CUSTOMER`, else anonymous. */
export function stdioIdentity(customerId: string | undefined): (token: unknown) => Promise<IdentityResult> {
  const caller: Caller = customerId ? { kind: 'customer', customerId } : ANONYMOUS;
  return async () => ({ ok: true, caller });
}
