import { z } from 'zod';
import { defineTool, toolResult } from '../define-tool.ts';

/** The hints of a tool that only reads: what most fixture tools are. */
export const READ_ONLY_HINTS = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
} as const;

/** A read-only tool named `name` that repeats its text: the least a tool can do, so only the kit is exercised. */
export function echoTool(name = 'echo', text: { title?: string; description?: string } = {}) {
  return defineTool({
    name,
    title: text.title ?? 'Echo',
    description: text.description ?? 'Repeats the given text.',
    input: z.strictObject({ text: z.string().max(200).describe('Text to repeat') }),
    output: z.object({ text: z.string() }),
    annotations: READ_ONLY_HINTS,
    needsCustomer: false,
    handler: async ({ text }) => toolResult({ text }, text),
  });
}

/** Says who the caller is, as the server verified it: the identity plumbing under test. */
export const whoAmITool = defineTool({
  name: 'who_am_i',
  title: 'Who am I',
  description: 'Returns the signed-in customer id.',
  input: z.strictObject({}),
  output: z.object({ customerId: z.string() }),
  annotations: READ_ONLY_HINTS,
  needsCustomer: true,
  handler: async (_args, ctx) => toolResult({ customerId: ctx.caller.customerId }, `You are ${ctx.caller.customerId}.`),
});
