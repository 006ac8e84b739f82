import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, ERROR_CODE_META_KEY, PREVIEW_META_KEY, toolResult } from '../src/index.ts';
import { startTestService, type TestService } from '../src/testing/index.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

const done: string[] = [];
const removeItem = defineTool({
  name: 'remove_item',
  title: 'Remove an item',
  description: 'Removes an item.',
  input: z.strictObject({ item: z.string().max(20) }),
  output: z.object({ removed: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  needsCustomer: false,
  preview: async ({ item }) => `Remove ${item} from the basket; this cannot be undone.`,
  handler: async ({ item }) => {
    done.push(item);
    return toolResult({ removed: item }, `Removed ${item}.`);
  },
});
const noPreview = defineTool({ ...removeItem, name: 'remove_other', preview: undefined });

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ name: 'basket', version: '1.0.0', tools: [removeItem, noPreview] });
});
afterAll(() => svc?.stop());

describe('previews of a call, for the approval card', () => {
  it('describe exactly what the call would do, without doing it', async () => {
    const response = await postMcp(
      svc.url,
      callToolMessage('remove_item', { item: 'boots' }, { [PREVIEW_META_KEY]: true }),
    );
    expect(response.json).toMatchObject({
      result: {
        content: [{ type: 'text', text: 'Remove boots from the basket; this cannot be undone.' }],
        isError: true,
        _meta: { [PREVIEW_META_KEY]: true },
      },
    });
    expect(done).toEqual([]);
  });

  it('validate the arguments first, and say when a tool has no preview', async () => {
    const invalid = await postMcp(svc.url, callToolMessage('remove_item', { item: 42 }, { [PREVIEW_META_KEY]: true }));
    expect((invalid.json as { result: { _meta: Record<string, unknown> } }).result._meta[ERROR_CODE_META_KEY]).toBe(
      'invalid_arguments',
    );
    const none = await postMcp(
      svc.url,
      callToolMessage('remove_other', { item: 'socks' }, { [PREVIEW_META_KEY]: true }),
    );
    expect((none.json as { result: { _meta: Record<string, unknown> } }).result._meta[ERROR_CODE_META_KEY]).toBe(
      'preview_unavailable',
    );
    expect(done).toEqual([]);
  });

  it('leave ordinary calls unchanged', async () => {
    await postMcp(svc.url, callToolMessage('remove_item', { item: 'socks' }));
    expect(done).toEqual(['socks']);
  });
});
