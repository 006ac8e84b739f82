import { describe, expect, it } from 'vitest';
import { closeAfterEach } from './support/close-after-each.ts';
import { createTestCatalogue } from './support/create-test-catalogue.ts';
import { asksApprovalFor, offeredToolNames } from './support/offered-tools.ts';
import { type PaginatingServer, startPaginatingServer } from './support/start-paginating-server.ts';
import { waitFor } from './support/wait-for.ts';

const resources = closeAfterEach();
const paginating = async (toolCount: number, pageSize: number): Promise<PaginatingServer> =>
  resources.server(await startPaginatingServer({ toolCount, pageSize }));

describe('a server built directly on the SDK (not the kit)', () => {
  it('is listed through every page of tools/list, in its order', async () => {
    const server = await paginating(25, 10);
    const catalogue = resources.catalogue(createTestCatalogue([{ name: 'thirdparty', url: server.url }]));

    await catalogue.start();

    expect(server.listRequests).toEqual([undefined, '10', '20']);
    const names = catalogue.entries().map((entry) => entry.name);
    expect(names).toHaveLength(26);
    expect(names.slice(0, 3)).toEqual(['paged_0', 'paged_1', 'paged_2']);
    expect(names.at(-1)).toBe('add_tool');
    // No annotations but readOnlyHint: MCP defaults say not destructive only because it is read-only.
    expect(catalogue.lookup('paged_0')).toMatchObject({ annotations: { readOnlyHint: true } });
    expect(asksApprovalFor(catalogue, 'paged_0')).toBe(false);
  });

  it('refuses a list that pages on past the limit, and keeps trying in the background', async () => {
    const server = await paginating(25, 5);
    const catalogue = resources.catalogue(
      createTestCatalogue([{ name: 'thirdparty', url: server.url }], {
        settings: { maxToolListPages: 3 },
      }),
    );

    await catalogue.start();

    expect(catalogue.entries()).toEqual([]);
    expect(catalogue.servers()[0]).toMatchObject({
      state: 'down',
      lastError: 'invalid response (LIST_PAGINATION_EXCEEDED)',
    });
  });

  it('refreshes at once on notifications/tools/list_changed', async () => {
    const server = await paginating(3, 2);
    // Periodic refresh: 60 s.
    const catalogue = resources.catalogue(createTestCatalogue([{ name: 'thirdparty', url: server.url }]));
    await catalogue.start();
    expect(catalogue.lookup('added_4')).toBeUndefined();

    const result = await catalogue.call('add_tool', {});

    expect(result.content).toEqual([{ type: 'text', text: 'added' }]);
    await waitFor(() => catalogue.lookup('added_4') !== undefined, 2_000, 'announced tool listed');
    expect(offeredToolNames(catalogue)).toContain('added_4');
  });
});
