/** The default selector's label: what the host's discovery looks for. */
export const MCP_COMPONENT_LABELS = { 'app.kubernetes.io/component': 'mcp-server' };

export interface McpServiceSpec {
  /** The Service's name. */
  name: string;
  namespace?: string;
  /** The Service port; tests resolve it to 127.0.0.1:<port>, where a fixture MCP server listens. */
  port: number;
  portName?: string;
  /** `shopchat.dev/mcp-server-name` label. */
  serverName?: string;
  /** `shopchat.dev/mcp-path` annotation. */
  path?: string;
  required?: boolean;
  labels?: Record<string, string>;
}

/** A Service as `kubectl get svc -o json` shows one (ClusterIP, selector, one TCP port). */
export function mcpService(spec: McpServiceSpec) {
  return {
    metadata: {
      name: spec.name,
      namespace: spec.namespace ?? 'shop',
      labels: {
        ...MCP_COMPONENT_LABELS,
        'app.kubernetes.io/name': spec.name,
        ...(spec.serverName ? { 'shopchat.dev/mcp-server-name': spec.serverName } : {}),
        ...spec.labels,
      },
      annotations: {
        ...(spec.path ? { 'shopchat.dev/mcp-path': spec.path } : {}),
        ...(spec.required ? { 'shopchat.dev/mcp-required': 'true' } : {}),
      },
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.12.34',
      clusterIPs: ['10.96.12.34'],
      ipFamilies: ['IPv4'],
      ports: [
        { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9090 },
        { name: spec.portName ?? 'mcp', port: spec.port, protocol: 'TCP', targetPort: 'http' },
      ],
      selector: { 'app.kubernetes.io/name': spec.name },
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  };
}

/** The EndpointSlice the controller keeps for a Service: its labels plus `kubernetes.io/service-name`. */
export function endpointSlice(options: { service: string; namespace?: string; podIps: string[]; port: number }) {
  return {
    metadata: {
      name: `${options.service}-abcde`,
      namespace: options.namespace ?? 'shop',
      labels: {
        ...MCP_COMPONENT_LABELS,
        'kubernetes.io/service-name': options.service,
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    endpoints: options.podIps.map((ip) => ({
      addresses: [ip],
      conditions: { ready: true, serving: true, terminating: false },
    })),
    ports: [{ name: 'mcp', port: options.port, protocol: 'TCP' }],
  };
}
