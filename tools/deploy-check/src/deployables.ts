/**
 * The deployables as the deployment files must know them: one image each (the host's two roles share one), the
 * workspace it is built from, the Dockerfile target, the default port its code listens on and the files its
 * processes start. tools/deploy-check compares docker-compose.yml, docker/ and k8s/ against this and this against
 * the code (ports, scripts, files).
 */
export interface Deployable {
  /** Image name without registry or tag: `shopchat/<image>`. */
  image: string;
  workspace: string;
  target: 'service' | 'host';
  /** Default port in the code (docs/architecture.md#processes-and-ports). */
  port: number;
  /** Where the code states that default, as `NAME = <port>`. */
  portConstant: { file: string; name: string };
}

export const DEPLOYABLES: readonly Deployable[] = [
  {
    image: 'host',
    workspace: 'apps/host',
    target: 'host',
    port: 3000,
    portConstant: { file: 'apps/host/src/host-settings.ts', name: 'HOST_PORT' },
  },
  {
    image: 'orders',
    workspace: 'services/orders',
    target: 'service',
    port: 3101,
    portConstant: { file: 'services/orders/src/orders-settings.ts', name: 'ORDERS_PORT' },
  },
  {
    image: 'products',
    workspace: 'services/products',
    target: 'service',
    port: 3102,
    portConstant: { file: 'services/products/src/products-settings.ts', name: 'PRODUCTS_PORT' },
  },
  {
    image: 'docs',
    workspace: 'services/docs',
    target: 'service',
    port: 3103,
    portConstant: { file: 'services/docs/src/docs-settings.ts', name: 'DOCS_PORT' },
  },
  {
    image: 'model-sim',
    workspace: 'packages/model-sim',
    target: 'service',
    port: 3200,
    portConstant: { file: 'packages/model-sim/src/model-sim-settings.ts', name: 'MODEL_SIM_PORT' },
  },
];

/** The host's scale-out roles (apps/host), each started as `node <file>` in the host image. */
export const HOST_ROLES = {
  api: { file: 'src/main-api.ts', script: 'start:api', port: 3000 },
  worker: { file: 'src/main-worker.ts', script: 'start:worker', port: 3001 },
} as const;

/** The deployable an image reference belongs to: `registry.example.com/shopchat/orders:1.2` → orders. */
export function deployableOfImage(reference: string): Deployable | undefined {
  const withoutTag = reference.replace(/:[^/:]+$/, '');
  const match = /(?:^|\/)shopchat\/([a-z-]+)$/.exec(withoutTag);
  return DEPLOYABLES.find((deployable) => deployable.image === match?.[1]);
}
