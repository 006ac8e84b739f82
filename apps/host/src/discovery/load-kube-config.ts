import { delimiter } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ConfigError } from '@shopchat/mcp-service';

/**
 * Where the Kubernetes API is and how to authenticate: in a pod, its service account (`loadFromCluster`:
 * `KUBERNETES_SERVICE_HOST`/`_PORT`, the mounted token, re-read as it rotates, and CA); outside one, e.g. a
 * developer running the host against a cluster, the first file in `KUBECONFIG`. Neither: a
 * {@link ConfigError}, because discovery could never find a server.
 */
export function loadKubeConfig(env: NodeJS.ProcessEnv): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (env.KUBERNETES_SERVICE_HOST) {
    kubeConfig.loadFromCluster();
    return kubeConfig;
  }
  const file = env.KUBECONFIG?.split(delimiter).find(Boolean);
  if (!file) {
    throw new ConfigError(
      'MCP_DISCOVERY',
      'is "kubernetes" but the host is not in a pod (KUBERNETES_SERVICE_HOST is unset) and KUBECONFIG is unset',
    );
  }
  try {
    kubeConfig.loadFromFile(file);
  } catch (cause) {
    throw new ConfigError('KUBECONFIG', `names a file that is not a readable kubeconfig: ${file}`, { cause });
  }
  if (!kubeConfig.getCurrentCluster()) {
    throw new ConfigError('KUBECONFIG', `has no current context with a cluster: ${file}`);
  }
  return kubeConfig;
}
