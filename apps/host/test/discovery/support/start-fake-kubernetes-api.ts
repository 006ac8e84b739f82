import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The two collections the host watches, by the path segment the API uses for them. */
export type Resource = 'services' | 'endpointslices';

interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

interface WatchEvent {
  resourceVersion: number;
  resource: Resource;
  namespace: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
}

interface Watcher {
  resource: Resource;
  namespace: string;
  selector: string | undefined;
  res: ServerResponse;
}

export interface ApiRequest {
  resource: Resource;
  namespace: string;
  watch: boolean;
  resourceVersion: string | undefined;
  labelSelector: string | undefined;
}

export interface FakeKubernetesApi {
  /** `http://127.0.0.1:<port>`: the cluster `server` of a KubeConfig. */
  url: string;
  /** Every list and watch request, in order. */
  requests: ApiRequest[];
  /** Creates or replaces an object (ADDED / MODIFIED). `silent`: no watcher hears it (a missed event). */
  apply(resource: Resource, object: KubeObject, options?: { silent?: boolean }): void;
  /** Deletes an object (DELETED). */
  remove(resource: Resource, namespace: string, name: string, options?: { silent?: boolean }): void;
  /** Ends every open watch response, as the API server does after its watch timeout. */
  closeWatches(): void;
  /**
   * Forgets history up to now, as etcd compaction does: a watch from an older resourceVersion is answered
   * `410 Gone` (`http`: the HTTP status with a Status body; `event`: 200 and an ERROR event, as real API
   * servers mostly do).
   */
  compact(style: 'http' | 'event'): void;
  /** Watches open right now. */
  openWatches(): number;
  /** Closes the port: the API server is unreachable (connection refused). */
  stop(): Promise<void>;
  /** Listens again on the same port, with the same objects and history. */
  restart(): Promise<void>;
}

const KINDS = {
  services: { apiVersion: 'v1', kind: 'Service', listKind: 'ServiceList' },
  endpointslices: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', listKind: 'EndpointSliceList' },
} as const;

const PATH = /^\/(?:api\/v1|apis\/discovery\.k8s\.io\/v1)\/namespaces\/([a-z0-9-]+)\/(services|endpointslices)$/;

/**
 * A Kubernetes API server that speaks the real wire format for list and watch of Services and
 * EndpointSlices in a namespace: resourceVersions, label selectors (`k=v`, `k!=v`, `k`), streamed
 * newline-delimited watch events from a given resourceVersion, watches it can end, and `410 Gone` after
 * compaction. Enough for `@kubernetes/client-node`'s informer to run unmodified against it.
 */
export async function startFakeKubernetesApi(): Promise<FakeKubernetesApi> {
  const objects = new Map<string, KubeObject>();
  const history: WatchEvent[] = [];
  const watchers = new Set<Watcher>();
  const requests: ApiRequest[] = [];
  const sockets = new Set<Socket>();
  let resourceVersion = 1000;
  let compactedBelow = 0;
  let goneStyle: 'http' | 'event' = 'http';
  let server: Server;
  let port = 0;

  const key = (resource: Resource, namespace: string, name: string) => `${resource}/${namespace}/${name}`;

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = PATH.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      status(res, 404, 'NotFound', `no route ${req.method} ${url.pathname}`);
      return;
    }
    const namespace = match[1] as string;
    const resource = match[2] as Resource;
    const watch = url.searchParams.get('watch') === 'true';
    const selector = url.searchParams.get('labelSelector') ?? undefined;
    const fromVersion = url.searchParams.get('resourceVersion') ?? undefined;
    requests.push({ resource, namespace, watch, resourceVersion: fromVersion, labelSelector: selector });
    const matches = (event: { resource: Resource; namespace: string; object: KubeObject }) =>
      event.resource === resource && event.namespace === namespace && selects(selector, event.object.metadata.labels);

    if (!watch) {
      const items = [...objects.entries()]
        .filter(([k]) => k.startsWith(`${resource}/${namespace}/`))
        .map(([, object]) => object)
        .filter((object) => selects(selector, object.metadata.labels))
        // Lists carry no kind/apiVersion per item, like the real API server.
        .map(({ apiVersion: _a, kind: _k, ...item }) => item);
      json(res, 200, {
        apiVersion: KINDS[resource].apiVersion,
        kind: KINDS[resource].listKind,
        metadata: { resourceVersion: String(resourceVersion) },
        items,
      });
      return;
    }

    const from = Number(fromVersion ?? resourceVersion);
    if (from < compactedBelow) {
      const message = `too old resource version: ${from} (${compactedBelow})`;
      if (goneStyle === 'http') {
        status(res, 410, 'Expired', message);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify({ type: 'ERROR', object: statusObject(410, 'Expired', message) })}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.flushHeaders();
    for (const event of history) if (event.resourceVersion > from && matches(event)) send(res, event);
    const watcher = { resource, namespace, selector, res };
    watchers.add(watcher);
    res.on('close', () => watchers.delete(watcher));
  }

  function record(resource: Resource, type: WatchEvent['type'], object: KubeObject, silent: boolean | undefined): void {
    const namespace = object.metadata.namespace ?? 'default';
    const event = { resourceVersion, resource, namespace, type, object };
    if (silent) return; // in etcd, but the watchers never hear of it: only a relist can find it
    history.push(event);
    for (const watcher of watchers) {
      if (
        watcher.resource === resource &&
        watcher.namespace === namespace &&
        selects(watcher.selector, object.metadata.labels)
      ) {
        send(watcher.res, event);
      }
    }
  }

  async function listen(): Promise<void> {
    server = createServer(handle);
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  }

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    apply(resource, object, options = {}) {
      const namespace = object.metadata.namespace ?? 'default';
      const k = key(resource, namespace, object.metadata.name);
      const existing = objects.get(k);
      resourceVersion += 1;
      const stored: KubeObject = {
        ...object,
        apiVersion: KINDS[resource].apiVersion,
        kind: KINDS[resource].kind,
        metadata: {
          ...object.metadata,
          namespace,
          uid: (existing?.metadata.uid as string | undefined) ?? `uid-${resourceVersion}`,
          resourceVersion: String(resourceVersion),
          creationTimestamp: existing?.metadata.creationTimestamp ?? new Date().toISOString(),
        },
      };
      objects.set(k, stored);
      record(resource, existing ? 'MODIFIED' : 'ADDED', stored, options.silent);
    },
    remove(resource, namespace, name, options = {}) {
      const k = key(resource, namespace, name);
      const existing = objects.get(k);
      if (!existing) throw new Error(`no ${k}`);
      objects.delete(k);
      resourceVersion += 1;
      const object = { ...existing, metadata: { ...existing.metadata, resourceVersion: String(resourceVersion) } };
      record(resource, 'DELETED', object, options.silent);
    },
    closeWatches() {
      for (const watcher of watchers) watcher.res.end();
      watchers.clear();
    },
    compact(style) {
      goneStyle = style;
      compactedBelow = resourceVersion;
      history.length = 0;
    },
    openWatches: () => watchers.size,
    async stop() {
      watchers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    restart: listen,
  };
}

function send(res: ServerResponse, event: WatchEvent): void {
  res.write(`${JSON.stringify({ type: event.type, object: event.object })}\n`);
}

function json(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function statusObject(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  json(res, code, statusObject(code, reason, message));
}

/** Equality-based selectors: `k=v`, `k==v`, `k!=v`, `k` (exists), `!k`, comma-separated (AND). */
function selects(selector: string | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return true;
  return selector.split(',').every((raw) => {
    const term = raw.trim();
    const notEqual = term.indexOf('!=');
    if (notEqual > 0) return labels[term.slice(0, notEqual)] !== term.slice(notEqual + 2);
    const equal = term.indexOf('=');
    if (equal > 0) return labels[term.slice(0, equal)] === term.slice(term[equal + 1] === '=' ? equal + 2 : equal + 1);
    if (term.startsWith('!')) return !(term.slice(1) in labels);
    return term in labels;
  });
}
