import { z } from 'zod';
import { defineTool, toolFailure, toolResult } from '../../src/index.ts';
import { READ_ONLY_HINTS, echoTool as sharedEchoTool, whoAmITool } from '../../src/testing/fixture-tools.ts';

/** A trivial public tool (what the kit adds on top of the handler is all that is measured), and the caller's id. */
export const echoTool = sharedEchoTool();
export { whoAmITool };

export const failingTool = defineTool({
  name: 'explode',
  title: 'Explode',
  description: 'Always throws.',
  input: z.strictObject({}),
  output: z.object({}),
  annotations: READ_ONLY_HINTS,
  needsCustomer: false,
  handler: async () => {
    throw new Error('secret connection string postgres://admin:hunter2@db/prod');
  },
});

export const slowTool = defineTool({
  name: 'slow',
  title: 'Slow',
  description: 'Never answers in time.',
  input: z.strictObject({}),
  output: z.object({}),
  annotations: READ_ONLY_HINTS,
  needsCustomer: false,
  timeoutMs: 200,
  handler: () => new Promise(() => {}),
});

export const lyingTool = defineTool({
  name: 'lies',
  title: 'Lies',
  description: 'Returns output that breaks its schema.',
  input: z.strictObject({}),
  output: z.object({ count: z.number() }),
  annotations: READ_ONLY_HINTS,
  needsCustomer: false,
  handler: async () => toolResult({ count: 'many' as unknown as number }, 'many'),
});

export const domainFailureTool = defineTool({
  name: 'refuse',
  title: 'Refuse',
  description: 'Fails as a domain failure.',
  input: z.strictObject({ count: z.number().int().min(1).max(5) }),
  output: z.object({}),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  needsCustomer: false,
  handler: async () => toolFailure('not_allowed', 'That cannot be done in this state.'),
});

export const fixtureTools = [echoTool, whoAmITool, failingTool, slowTool, lyingTool, domainFailureTool];
