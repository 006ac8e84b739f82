import type { V1Service } from '@kubernetes/client-node';
import type { McpServerConfig } from '../catalogue/parse-mcp-servers.ts';
import { type ResolveServiceUrl, serviceToMcpServer } from './service-to-mcp-server.ts';

export interface ServerSet {
  /** Ordered by server name: the same order, and so the same tool names, on every host replica. */
  servers: McpServerConfig[];
  /** Why each unusable Service was left out, by Service name. */
  ignored: Map<string, string>;
  /** The Service each admitted server comes from, by server name: the next set keeps these on a conflict. */
  owners: Map<string, string>;
  /** Server names claimed by more than one Service: the one kept and the ones refused. */
  conflicts: { server: string; kept: string; refused: string[] }[];
}

export interface ServerSetOptions {
  resolveUrl: ResolveServiceUrl;
  maxServers: number;
  /** The host's namespace: a Service of any other is refused. */
  namespace?: string;
  /** `MCP_ALLOWED_SERVERS`: only these server names are admitted; unset, any name. */
  allowed?: ReadonlySet<string>;
  /** The owners of the set in use: on a conflict the Service already admitted keeps its name. */
  owners?: ReadonlyMap<string, string>;
}

/**
 * The servers a namespace's labelled Services describe. Only Services of the host's namespace naming an allowed
 * server are admitted. When two claim one server name, the Service already admitted keeps it (a newcomer cannot
 * take over a server's traffic by claiming its name) and the conflict is reported; with none admitted yet the
 * first by name wins, the same on every replica. Past `maxServers` the rest are left out.
 */
export function servicesToServerSet(services: readonly V1Service[], options: ServerSetOptions): ServerSet {
  const claims = new Map<string, { service: string; server: McpServerConfig }[]>();
  const ignored = new Map<string, string>();
  const serviceName = (service: V1Service) => service.metadata?.name ?? '';
  for (const service of [...services].sort((a, b) => compare(serviceName(a), serviceName(b)))) {
    const mapped = serviceToMcpServer(service, options.resolveUrl);
    if (!mapped.ok) ignored.set(serviceName(service), mapped.problem);
    else if (options.namespace && service.metadata?.namespace !== options.namespace) {
      ignored.set(serviceName(service), `is in namespace "${service.metadata?.namespace}", not the host's`);
    } else if (options.allowed && !options.allowed.has(mapped.server.name)) {
      ignored.set(serviceName(service), `names the server "${mapped.server.name}", which MCP_ALLOWED_SERVERS does not`);
    } else {
      const list = claims.get(mapped.server.name) ?? [];
      list.push({ service: serviceName(service), server: mapped.server });
      claims.set(mapped.server.name, list);
    }
  }
  const byName = new Map<string, McpServerConfig>();
  const owners = new Map<string, string>();
  const conflicts: ServerSet['conflicts'] = [];
  for (const [name, list] of [...claims].sort(([a], [b]) => compare(a, b))) {
    const kept = list.find((claim) => claim.service === options.owners?.get(name)) ?? (list[0] as (typeof list)[0]);
    const refused = list.filter((claim) => claim !== kept).map((claim) => claim.service);
    for (const service of refused)
      ignored.set(service, `names the server "${name}", which ${kept.service} already serves`);
    if (refused.length > 0) conflicts.push({ server: name, kept: kept.service, refused });
    if (byName.size >= options.maxServers) {
      ignored.set(kept.service, `is beyond the limit of ${options.maxServers} MCP servers`);
      continue;
    }
    byName.set(name, kept.server);
    owners.set(name, kept.service);
  }
  return { servers: [...byName.values()], ignored, owners, conflicts };
}

/** Code-unit order: unlike `localeCompare`, identical on every machine whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
