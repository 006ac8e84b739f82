import { describe, expect, it } from 'vitest';
import { closeAfterEach } from './support/close-after-each.ts';
import { createTestCatalogue } from './support/create-test-catalogue.ts';
import { echoTool } from './support/fixture-tools.ts';
import { startFixtureServer } from './support/start-fixture-server.ts';
import { startLegacySdkServer } from './support/start-legacy-sdk-server.ts';
import { waitFor } from './support/wait-for.ts';

const resources = closeAfterEach();

describe('the host speaks the newest MCP revision each server speaks', () => {
  it('2026-07-28 with our servers, 2025-11-25 with a server that knows only the 2025 revisions', async () => {
    const modern = resources.server(await startFixtureServer({ name: 'modern', tools: [echoTool('modern_echo')] }));
    const legacy = resources.server(await startLegacySdkServer());
    const catalogue = resources.catalogue(
      createTestCatalogue([
        { name: 'modern', url: modern.url, required: true },
        { name: 'legacy', url: legacy.url, required: true },
      ]),
    );

    await catalogue.start();
    // Under load a first attempt can miss its deadline; the connection retries by itself.
    await waitFor(() => catalogue.servers().every((server) => server.state === 'up'), 20_000, 'both servers up');

    expect(catalogue.servers().map(({ name, state, protocolVersion }) => ({ name, state, protocolVersion }))).toEqual([
      { name: 'modern', state: 'up', protocolVersion: '2026-07-28' },
      { name: 'legacy', state: 'up', protocolVersion: '2025-11-25' },
    ]);
    const fromModern = await catalogue.call('modern_echo', { text: 'new' });
    const fromLegacy = await catalogue.call('echo', { text: 'old' });
    expect(fromModern.isError).toBeFalsy();
    expect(fromModern.content).toEqual([
      expect.objectContaining({ type: 'text', text: expect.stringContaining('new') }),
    ]);
    expect(fromLegacy.content).toEqual([{ type: 'text', text: 'old' }]);
  });
});
