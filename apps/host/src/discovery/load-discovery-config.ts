import { readFileSync } from 'node:fs';
import { ConfigError, parseEnvironment } from '@shopchat/mcp-service';
import { z } from 'zod';

/** Where a pod's own namespace is mounted with its service-account token. */
export const SERVICE_ACCOUNT_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';
export const DEFAULT_DISCOVERY_LABEL_SELECTOR = 'app.kubernetes.io/component=mcp-server';

/** How the host finds its MCP servers: the `MCP_SERVERS` list, or labelled Services in a namespace. */
export type DiscoveryConfig =
  | { mode: 'static' }
  | {
      mode: 'kubernetes';
      namespace: string;
      labelSelector: string;
      /** False with `MCP_DISCOVERY_ENDPOINTS=false` (no RBAC for EndpointSlices). */
      watchEndpointSlices: boolean;
      /** `MCP_ALLOWED_SERVERS`: the only server names admitted; unset, any labelled Service of the namespace. */
      allowedServers?: string[];
    };

/** RFC 1123 label: what Kubernetes accepts as a namespace name. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const EnvSchema = z.object({
  MCP_DISCOVERY: z
    .enum(['static', 'kubernetes'], { error: 'must be "static" (use MCP_SERVERS) or "kubernetes"' })
    .default('static'),
  MCP_DISCOVERY_NAMESPACE: z
    .string()
    .regex(NAMESPACE, 'must be a Kubernetes namespace name (lowercase letters, digits and -, at most 63)')
    .optional(),
  MCP_DISCOVERY_LABEL_SELECTOR: z
    .string()
    .max(1_024, 'must be at most 1024 characters')
    // Only the selector syntax's characters: anything else would be a typo or an injection into the query.
    .regex(
      /^[A-Za-z0-9._/=!,()\s-]+$/,
      'must be a Kubernetes label selector, e.g. app.kubernetes.io/component=mcp-server',
    )
    .optional(),
  MCP_DISCOVERY_ENDPOINTS: z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).default('true'),
  MCP_ALLOWED_SERVERS: z
    .string()
    .regex(
      /^[a-z][a-z0-9_-]{0,31}(,[a-z][a-z0-9_-]{0,31})*$/,
      'must be server names separated by commas, e.g. orders,docs',
    )
    .optional(),
});

export interface LoadDiscoveryConfigOptions {
  /** Reads the service-account namespace file; injectable for tests. Returns undefined when absent. */
  readNamespaceFile?: () => string | undefined;
}

/**
 * Reads `MCP_DISCOVERY` (`static`, the default, or `kubernetes`), and for `kubernetes`
 * `MCP_DISCOVERY_NAMESPACE` (default: the pod's own namespace from its service account, else `default`),
 * `MCP_DISCOVERY_LABEL_SELECTOR` (default {@link DEFAULT_DISCOVERY_LABEL_SELECTOR}) and
 * `MCP_DISCOVERY_ENDPOINTS` (default `true`). A bad value throws a {@link ConfigError} naming the variable.
 */
export function loadDiscoveryConfig(env: NodeJS.ProcessEnv, options: LoadDiscoveryConfigOptions = {}): DiscoveryConfig {
  const e = parseEnvironment(EnvSchema, env);
  if (e.MCP_DISCOVERY === 'static') {
    for (const variable of ['MCP_DISCOVERY_NAMESPACE', 'MCP_DISCOVERY_LABEL_SELECTOR'] as const) {
      if (e[variable]) throw new ConfigError(variable, 'is set but MCP_DISCOVERY is not "kubernetes"');
    }
    return { mode: 'static' };
  }
  if (env.MCP_SERVERS?.trim()) {
    // Two sources of truth would disagree silently; say which one wins instead of guessing.
    throw new ConfigError('MCP_SERVERS', 'must be unset with MCP_DISCOVERY=kubernetes (servers are discovered)');
  }
  let namespace = e.MCP_DISCOVERY_NAMESPACE;
  if (!namespace) {
    const fromFile = (options.readNamespaceFile ?? readServiceAccountNamespace)()?.trim();
    if (fromFile && !NAMESPACE.test(fromFile)) {
      throw new ConfigError(
        'MCP_DISCOVERY_NAMESPACE',
        `is unset and ${SERVICE_ACCOUNT_NAMESPACE_FILE} is not a namespace`,
      );
    }
    namespace = fromFile || 'default';
  }
  return {
    mode: 'kubernetes',
    namespace,
    labelSelector: e.MCP_DISCOVERY_LABEL_SELECTOR?.trim() || DEFAULT_DISCOVERY_LABEL_SELECTOR,
    watchEndpointSlices: e.MCP_DISCOVERY_ENDPOINTS === 'true',
    ...(e.MCP_ALLOWED_SERVERS ? { allowedServers: e.MCP_ALLOWED_SERVERS.split(',') } : {}),
  };
}

function readServiceAccountNamespace(): string | undefined {
  try {
    return readFileSync(SERVICE_ACCOUNT_NAMESPACE_FILE, 'utf8');
  } catch {
    return undefined; // not in a pod
  }
}
