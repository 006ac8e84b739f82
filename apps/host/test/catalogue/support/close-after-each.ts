import { afterEach } from 'vitest';

/** What a catalogue test starts: servers to stop and catalogues (the host's clients of them) to close. */
export interface TestResources {
  /** Stops `server` after the test; returns it. */
  server<Server extends { stop(): Promise<void> }>(server: Server): Server;
  /** Closes `catalogue` after the test; returns it. */
  catalogue<Catalogue extends { close(): Promise<void> }>(catalogue: Catalogue): Catalogue;
  /** Stops `server` now (a server going away mid-test), and not again after the test. */
  stopNow(server: { stop(): Promise<void> }): Promise<void>;
}

/**
 * Servers and catalogues a test file starts, put away after each test: the catalogues first, so none of
 * them is still reconnecting to a server that is going away.
 */
export function closeAfterEach(): TestResources {
  const servers: { stop(): Promise<void> }[] = [];
  const catalogues: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(catalogues.splice(0).map((catalogue) => catalogue.close()));
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });
  return {
    server(server) {
      servers.push(server);
      return server;
    },
    catalogue(catalogue) {
      catalogues.push(catalogue);
      return catalogue;
    },
    async stopNow(server) {
      const at = servers.indexOf(server);
      if (at >= 0) servers.splice(at, 1);
      await server.stop();
    },
  };
}
