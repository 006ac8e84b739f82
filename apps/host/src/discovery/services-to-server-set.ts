import type { V1Service } from '@kubernetes/client-node';
import type { McpServerConfig } from '../catalogue/parse-mcp-servers.ts';
import { type ResolveServiceUrl, serviceToMcpServer } from './service-to-mcp-server.ts';

export interface ServerSet {
  /** Ordered by server name: the same order, and so the same tool names, on every host replica. */
  servers: McpServerConfig[];
  /** Why each unusable Service was left out, by Service name. */
  ignored: Map<string, string>;
}

/**
 * The servers a namespace's labelled Services describe. Services are taken in name order, so when two
 * claim one server name the same one wins everywhere; past `maxServers` the rest are left out.
 */
export function servicesToServerSet(
  services: readonly V1Service[],
  options: { resolveUrl: ResolveServiceUrl; maxServers: number },
): ServerSet {
  const byName = new Map<string, McpServerConfig>();
  const ignored = new Map<string, string>();
  const serviceName = (service: V1Service) => service.metadata?.name ?? '';
  for (const service of [...services].sort((a, b) => compare(serviceName(a), serviceName(b)))) {
    const mapped = serviceToMcpServer(service, options.resolveUrl);
    if (!mapped.ok) ignored.set(serviceName(service), mapped.problem);
    else if (byName.has(mapped.server.name)) {
      ignored.set(serviceName(service), `names the server "${mapped.server.name}" again`);
    } else if (byName.size >= options.maxServers) {
      ignored.set(serviceName(service), `is beyond the limit of ${options.maxServers} MCP servers`);
    } else byName.set(mapped.server.name, mapped.server);
  }
  return { servers: [...byName.values()].sort((a, b) => compare(a.name, b.name)), ignored };
}

/** Code-unit order: unlike `localeCompare`, identical on every machine whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
