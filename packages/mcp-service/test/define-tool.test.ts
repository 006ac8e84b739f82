import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, toolResult } from '../src/index.ts';
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
