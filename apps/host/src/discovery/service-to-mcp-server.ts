import type { V1Service, V1ServicePort } from '@kubernetes/client-node';
import type { McpServerConfig } from '../catalogue/parse-mcp-servers.ts';

/** Label naming the server (token audience, tool prefix); unset: the Service's name. */
export const SERVER_NAME_LABEL = 'shopchat.dev/mcp-server-name';
/** Annotation with the MCP endpoint's path; unset: {@link DEFAULT_MCP_PATH}. */
export const MCP_PATH_ANNOTATION = 'shopchat.dev/mcp-path';
/** Annotation `"true"`: the host is not ready while this server is down. */
export const MCP_REQUIRED_ANNOTATION = 'shopchat.dev/mcp-required';
/** The Service port used when one is named so; otherwise the first port. */
export const MCP_PORT_NAME = 'mcp';
export const DEFAULT_MCP_PATH = '/mcp';

/** Where a discovered server answers, before it becomes a URL. */
export interface ServiceEndpoint {
  /** The Service's own name (not the server name): the DNS name in the cluster. */
  serviceName: string;
  namespace: string;
  /** The Service port (`spec.ports[].port`). */
  port: number;
  /** The chosen port entry, for resolvers that need its `targetPort` or `nodePort`. */
  servicePort: V1ServicePort;
  /** Starts with `/`. */
  path: string;
}

/** Builds the server's URL; the default is the in-cluster DNS name. Tests map it to loopback. */
export type ResolveServiceUrl = (endpoint: ServiceEndpoint) => URL;

/** `http://<service>.<namespace>.svc:<port><path>`: cluster DNS, no search-path lookups. */
export const clusterServiceUrl: ResolveServiceUrl = ({ serviceName, namespace, port, path }) =>
  new URL(`http://${serviceName}.${namespace}.svc:${port}${path}`);

/** Same rule as `MCP_SERVERS` (parse-mcp-servers.ts): usable as a token audience and a tool-name prefix. */
const SERVER_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
/** A path, not a URL: no scheme or host can be smuggled in through an annotation. */
const MCP_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

export type ServiceMapping = { ok: true; server: McpServerConfig } | { ok: false; problem: string };

/**
 * Turns one labelled Service into the MCP server it exposes: name from the {@link SERVER_NAME_LABEL}
 * label or the Service name, port named `mcp` (or the first), path from {@link MCP_PATH_ANNOTATION},
 * required from {@link MCP_REQUIRED_ANNOTATION}. A Service that cannot be used says why, for the log.
 */
export function serviceToMcpServer(service: V1Service, resolveUrl: ResolveServiceUrl): ServiceMapping {
  const serviceName = service.metadata?.name;
  const namespace = service.metadata?.namespace;
  if (!serviceName || !namespace) return { ok: false, problem: 'has no name or namespace' };
  // An ExternalName Service is a DNS alias to anywhere (outside the cluster too): following it would send
  // customers' identities wherever whoever can create a Service points it.
  if (service.spec?.type === 'ExternalName') {
    return { ok: false, problem: 'is an ExternalName Service (an alias that may point outside the cluster)' };
  }
  const name = service.metadata?.labels?.[SERVER_NAME_LABEL] ?? serviceName;
  if (!SERVER_NAME.test(name)) {
    return {
      ok: false,
      problem: `server name "${name.slice(0, 64)}" is invalid: set the ${SERVER_NAME_LABEL} label to 1-32 lowercase letters, digits, _ or -, starting with a letter`,
    };
  }
  const ports = service.spec?.ports ?? [];
  const servicePort = ports.find((port) => port.name === MCP_PORT_NAME) ?? ports[0];
  if (!servicePort) return { ok: false, problem: 'has no ports' };
  const path = service.metadata?.annotations?.[MCP_PATH_ANNOTATION] ?? DEFAULT_MCP_PATH;
  if (!MCP_PATH.test(path) || path.length > 256) {
    return { ok: false, problem: `annotation ${MCP_PATH_ANNOTATION} "${path.slice(0, 64)}" is not a URL path` };
  }
  let url: URL;
  try {
    url = resolveUrl({ serviceName, namespace, port: servicePort.port, servicePort, path });
  } catch (error) {
    return { ok: false, problem: `has no usable URL (${error instanceof Error ? error.message : String(error)})` };
  }
  const required = service.metadata?.annotations?.[MCP_REQUIRED_ANNOTATION] === 'true';
  return { ok: true, server: { name, url, required } };
}
