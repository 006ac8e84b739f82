import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, IDEMPOTENCY_KEY_META_KEY, toolResult } from '../src/index.ts';
import { startTestService, type TestService } from '../src/testing/index.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

const seen: (string | undefined)[] = [];
const addNote = defineTool({
  name: 'add_note',
  title: 'Add a note',
  description: 'Adds a note.',
  input: z.strictObject({ text: z.string().max(20) }),
  output: z.object({ key: z.string().nullable() }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  needsCustomer: false,
  handler: async (_args, ctx) => {
    seen.push(ctx.idempotencyKey);
    return toolResult({ key: ctx.idempotencyKey ?? null }, 'Noted.');
  },
});

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ name: 'notes', version: '1.0.0', tools: [addNote] });
});
afterAll(() => svc?.stop());

describe('the idempotency key of a tools/call', () => {
  it('reaches the handler from the request _meta', async () => {
    const key = 'conv-1:toolu_abc123';
    const response = await postMcp(
      svc.url,
      callToolMessage('add_note', { text: 'hi' }, { [IDEMPOTENCY_KEY_META_KEY]: key }),
    );
    expect(response.json).toMatchObject({ result: { structuredContent: { key } } });
  });

  it('is left out when it is missing or malformed, and the call still runs', async () => {
    seen.length = 0;
    await postMcp(svc.url, callToolMessage('add_note', { text: 'a' }));
    for (const bad of ['short', 'x'.repeat(129), 'has spaces in it', 42, { key: 'conv-1:toolu_abc123' }]) {
      await postMcp(svc.url, callToolMessage('add_note', { text: 'b' }, { [IDEMPOTENCY_KEY_META_KEY]: bad }));
    }
    expect(seen).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
