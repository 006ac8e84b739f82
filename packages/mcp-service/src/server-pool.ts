import type { MessageClassification, Server } from '@modelcontextprotocol/server';
import type { ServerBuilder } from './mcp-server-factory.ts';
import type { RequestScope } from './request-scope.ts';
import { SingleExchangeTransport } from './single-exchange-transport.ts';

/** Idle servers kept per protocol revision: about the concurrency one process serves at once. */
const IDLE_SERVERS_PER_REVISION = 64;

/** A server connected to its own transport, lent to one HTTP request at a time. */
export interface ServerLease {
  readonly server: Server;
  readonly transport: SingleExchangeTransport;
  /** The request being served; what the server's handlers read. Set by the pool on every lend. */
  scope: RequestScope | undefined;
  /** Whether the lease goes back to the pool when returned (a fresh server for `initialize` does not). */
  readonly reusable: boolean;
  readonly revision: string;
}

/**
 * SDK `Server`s reused across stateless requests, one request at a time each. Building a `Server` and
 * connecting it was about a twentieth of a trivial tool call (its handler maps, its codecs, the connect
 * wiring) and much of its garbage; a lease costs an array pop.
 *
 * Why this is safe in stateless mode: a server only ever serves the request it is lent for (no two
 * requests share one at once), its handlers read the request's scope (identity token, trace, log ids) from
 * the lease at the start of each call, and the only instance state a request can leave behind is what
 * `initialize` negotiates (the client's capabilities and protocol version), so `initialize` is always
 * answered by a fresh server that is then dropped. A 2026-07-28 request's revision is bound to its server
 * at connect, so servers are pooled per revision. A server whose transport was closed mid-call (the client
 * went away) or whose exchange failed is dropped, never returned.
 */
export class ServerPool {
  readonly #build: ServerBuilder;
  readonly #idle = new Map<string, ServerLease[]>();

  constructor(build: ServerBuilder) {
    this.#build = build;
  }

  /**
   * A connected server for one request on the revision `classification` names (none: the 2025 era), serving
   * `scope`. `fresh`: a new server that is never reused (for requests that change instance state).
   */
  async lend(
    scope: RequestScope,
    classification: MessageClassification | undefined,
    fresh: boolean,
  ): Promise<ServerLease> {
    const revision = classification?.revision ?? 'legacy';
    const idle = fresh ? undefined : this.#idle.get(revision)?.pop();
    if (idle) {
      idle.scope = scope;
      return idle;
    }
    const transport = new SingleExchangeTransport(classification);
    const lease: { -readonly [K in keyof ServerLease]: ServerLease[K] } = {
      server: undefined as unknown as Server,
      transport,
      scope,
      reusable: !fresh,
      revision,
    };
    lease.server = this.#build(() => {
      if (!lease.scope) throw new Error('ServerPool: a pooled server ran a handler outside of a request');
      return lease.scope;
    });
    await lease.server.connect(transport);
    return lease;
  }

  /** Takes a lease back once its exchange is answered; `healthy: false` (the exchange failed) drops it. */
  giveBack(lease: ServerLease, healthy: boolean): void {
    lease.scope = undefined;
    if (!(healthy && lease.reusable) || lease.transport.closed) return;
    let idle = this.#idle.get(lease.revision);
    if (!idle) {
      idle = [];
      this.#idle.set(lease.revision, idle);
    }
    if (idle.length < IDLE_SERVERS_PER_REVISION) idle.push(lease);
  }
}
