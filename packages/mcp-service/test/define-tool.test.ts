import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, MAX_ICON_SOURCE_LENGTH, svgIcon, toolResult } from '../src/index.ts';
import { compileServedTools } from '../src/served-tools.ts';
import { echoTool, whoAmITool } from './support/fixture-tools.ts';

const hints = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

function tool(overrides: Record<string, unknown>) {
  return {
    name: 'ok_tool',
    title: 'Ok',
    description: 'd',
    input: z.strictObject({}),
    output: z.object({}),
    annotations: hints,
    needsCustomer: false,
    handler: async () => toolResult({}, ''),
    ...overrides,
  } as Parameters<typeof defineTool>[0];
}

describe('defineTool', () => {
  it('rejects names a model API would refuse', () => {
    expect(() => defineTool(tool({ name: 'Get Order' }))).toThrow(/invalid/);
    expect(() => defineTool(tool({ name: 'x'.repeat(65) }))).toThrow(/invalid/);
  });

  it('requires every annotation to be an explicit decision', () => {
    const { openWorldHint: _omitted, ...partial } = hints;
    expect(() => defineTool(tool({ annotations: partial }))).toThrow(/annotations.openWorldHint/);
  });

  it('refuses a tool that claims to be read-only and destructive', () => {
    expect(() => defineTool(tool({ annotations: { ...hints, destructiveHint: true } }))).toThrow(/both/);
  });
});

describe('tool icons', () => {
  const square =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="20" height="20" x="2" y="2"/></svg>';

  it('lists a tool’s inline SVG icon in tools/list', () => {
    const catalogue = compileServedTools([defineTool(tool({ icons: [svgIcon(square)] }))]);
    const [listed] = catalogue.listResult.tools;
    expect(listed?.icons).toEqual([
      { src: expect.stringMatching(/^data:image\/svg\+xml,%3Csvg/), mimeType: 'image/svg+xml', sizes: ['any'] },
    ]);
    expect(decodeURIComponent(listed?.icons?.[0]?.src.slice('data:image/svg+xml,'.length) ?? '')).toBe(square);
  });

  it.each([
    ['a script URL', 'javascript:alert(1)'],
    ['plain http', 'http://cdn.example/icon.svg'],
    ['an HTML data URI', 'data:text/html,<script>alert(1)</script>'],
    ['a huge inline SVG', `data:image/svg+xml,${'x'.repeat(MAX_ICON_SOURCE_LENGTH)}`],
  ])('refuses %s as an icon at startup', (_label, src) => {
    expect(() => defineTool(tool({ icons: [{ src }] }))).toThrow(/Tool "ok_tool": an icon/);
  });

  it('accepts https icons as they are', () => {
    const defined = defineTool(tool({ icons: [{ src: 'https://cdn.example/icon.svg', mimeType: 'image/svg+xml' }] }));
    expect(defined.icons).toEqual([{ src: 'https://cdn.example/icon.svg', mimeType: 'image/svg+xml' }]);
  });
});

describe('compileServedTools', () => {
  it('derives MCP input and output schemas from zod once', () => {
    const catalogue = compileServedTools([echoTool, whoAmITool]);
    const [echo] = catalogue.listResult.tools;
    expect(echo).toMatchObject({
      name: 'echo',
      title: 'Echo',
      inputSchema: {
        type: 'object',
        properties: { text: { type: 'string', maxLength: 200, description: 'Text to repeat' } },
        required: ['text'],
        additionalProperties: false,
      },
      outputSchema: { type: 'object', properties: { text: { type: 'string' } } },
      annotations: { ...hints, title: 'Echo' },
    });
    expect(echo?.inputSchema).not.toHaveProperty('$schema');
    expect(Object.isFrozen(catalogue.listResult.tools)).toBe(true);
  });

  it('refuses two tools with one name', () => {
    expect(() => compileServedTools([echoTool, echoTool])).toThrow(/unique/);
  });
});
