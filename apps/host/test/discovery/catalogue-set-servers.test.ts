import { startTestService, type TestService } from '@shopchat/mcp-service/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeAfterEach } from '../catalogue/support/close-after-each.ts';
import { createTestCatalogue } from '../catalogue/support/create-test-catalogue.ts';
import { echoTool } from '../catalogue/support/fixture-tools.ts';
import { offeredToolNames } from '../catalogue/support/offered-tools.ts';
import { waitFor } from '../catalogue/support/wait-for.ts';

let first: TestService;
let second: TestService;
const resources = closeAfterEach();

beforeEach(async () => {
  [first, second] = await Promise.all([
    startTestService({ name: 'first', version: '1.0.0', tools: [echoTool('one')], settings: { shutdownGraceMs: 100 } }),
    startTestService({
      name: 'second',
      version: '1.0.0',
      tools: [echoTool('two')],
      settings: { shutdownGraceMs: 100 },
    }),
  ]);
  resources.server(first);
  resources.server(second);
});

const server = (name: string, url: string, required = false) => ({ name, url: new URL(url), required });

describe('ToolCatalogue.setServers (runtime discovery)', () => {
  it('adds, keeps and drops connections; an unchanged server is not reconnected', async () => {
    const catalogue = createTestCatalogue([{ name: 'a', url: first.url }]);
    resources.catalogue(catalogue);
    await catalogue.start();
    const upSince = catalogue.servers()[0]?.since;
    const changes: number[] = [];
    catalogue.onChange(() => changes.push(Date.now()));

    catalogue.setServers([server('a', first.url), server('b', second.url)]);
    await waitFor(() => offeredToolNames(catalogue).length === 2, 5_000, 'b up');
    expect(catalogue.servers().map((s) => [s.name, s.state])).toEqual([
      ['a', 'up'],
      ['b', 'up'],
    ]);
    expect(catalogue.servers()[0]?.since).toBe(upSince);

    catalogue.setServers([server('b', second.url)]);
    expect(catalogue.entries().map((entry) => entry.name)).toEqual(['two']);
    await expect(catalogue.call('one', { text: 'x' })).rejects.toMatchObject({ code: 'tool_not_found' });
    expect(changes.length).toBeGreaterThan(0);
  });

  it('reconnects a server whose URL or required flag changed, and refreshes one server by name', async () => {
    const catalogue = createTestCatalogue([{ name: 'a', url: first.url }]);
    resources.catalogue(catalogue);
    await catalogue.start();
    catalogue.setServers([server('a', second.url, true)]);
    expect(catalogue.isReady()).toBe(false); // required and not yet connected to the new URL
    await waitFor(() => catalogue.isReady(), 5_000, 'ready on the new URL');
    expect(offeredToolNames(catalogue)).toEqual(['two']);
    expect(catalogue.servers()[0]).toMatchObject({ name: 'a', required: true, state: 'up' });
    expect(await catalogue.refresh('a')).toBe(false);
    expect(await catalogue.refresh('nope')).toBe(false);
  });

  it('connects servers set before start() when start() runs, and ignores sets after close()', async () => {
    const catalogue = createTestCatalogue([]);
    resources.catalogue(catalogue);
    catalogue.setServers([server('a', first.url)]);
    expect(catalogue.servers()[0]?.state).toBe('connecting');
    await catalogue.start();
    expect(catalogue.servers()[0]?.state).toBe('up');
    await catalogue.close();
    catalogue.setServers([server('b', second.url)]);
    expect(catalogue.servers().map((s) => s.name)).toEqual(['a']);
  });
});
