import { defineTool, toolResult } from '@shopchat/mcp-service';
import { READ_ONLY_HINTS, echoTool as sharedEchoTool, whoAmITool } from '@shopchat/mcp-service/testing';
import { z } from 'zod';

/** A read-only tool named `name` that echoes its text: servers share names to exercise prefixing. */
export function echoTool(name: string, description = `Echoes text (${name}).`) {
  return sharedEchoTool(name, { title: `Echo ${name}`, description });
}

/** Says who the caller is, as the server verified it from the host's identity token. */
export { whoAmITool };

/** Returns the trace id the server continued: proves the host's `traceparent` header arrived. */
export const traceTool = defineTool({
  name: 'trace_id',
  title: 'Trace id',
  description: 'Returns the trace id of the call.',
  input: z.strictObject({}),
  output: z.object({ traceId: z.string() }),
  annotations: READ_ONLY_HINTS,
  needsCustomer: false,
  handler: async (_args, ctx) => toolResult({ traceId: ctx.trace.traceId }, ctx.trace.traceId),
});

/** Holds the call until the client goes away (or 20 s); reports through `onAbort` that it was told. */
export function slowTool(onAbort: () => void) {
  return defineTool({
    name: 'slow',
    title: 'Slow',
    description: 'Takes a long time.',
    input: z.strictObject({}),
    output: z.object({}),
    annotations: READ_ONLY_HINTS,
    needsCustomer: false,
    timeoutMs: 20_000,
    handler: (_args, ctx) =>
      new Promise((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => {
          onAbort();
          reject(ctx.signal.reason);
        });
      }),
  });
}

/** Marked destructive: the catalogue must carry the hint through for the approval step. */
export const cancelTool = defineTool({
  name: 'cancel_thing',
  title: 'Cancel a thing',
  description: 'Cancels a thing for good.',
  input: z.strictObject({ id: z.string() }),
  output: z.object({ cancelled: z.boolean() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  needsCustomer: false,
  handler: async () => toolResult({ cancelled: true }, 'Cancelled.'),
});
