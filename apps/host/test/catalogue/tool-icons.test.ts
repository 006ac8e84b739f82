import { defineTool, lineIcon, toolResult } from '@shopchat/mcp-service';
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { publicToolList } from '../../src/catalogue/published-tool-list.ts';
import { ToolsResponseSchema } from '../../src/http/tools-response-schema.ts';
import type { ToolCatalogue } from '../../src/index.ts';
import { createTestCatalogue } from './support/create-test-catalogue.ts';
import { type FixtureServer, startFixtureServer } from './support/start-fixture-server.ts';

const ICON = lineIcon('<circle cx="12" cy="12" r="9"/>');
const withIcon = defineTool({
  name: 'with_icon',
  title: 'With icon',
  icons: [ICON],
  description: 'Has an icon.',
  input: z.strictObject({}),
  output: z.object({}),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  needsCustomer: false,
  handler: async () => toolResult({}, 'ok'),
});

let server: FixtureServer | undefined;
let catalogue: ToolCatalogue | undefined;
afterEach(async () => {
  await catalogue?.close();
  await server?.stop();
});

it('keeps the icons a server announces for its tools, in the shape GET /api/tools documents', async () => {
  server = await startFixtureServer({ name: 'icons', tools: [withIcon] });
  catalogue = createTestCatalogue([{ name: 'icons', url: server.url, required: true }]);
  await catalogue.start();

  const [entry] = catalogue.entries();
  expect(entry?.icons).toEqual([ICON]);
  const listed = ToolsResponseSchema.parse({ tools: publicToolList(catalogue) });
  expect(listed.tools[0]?.icons).toEqual([ICON]);
});
