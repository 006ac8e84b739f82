import { describe, expect, it } from 'vitest';
import { assignModelToolNames } from '../../src/catalogue/assign-model-tool-names.ts';
import { MODEL_TOOL_NAME } from '../../src/index.ts';

describe('model-facing tool names', () => {
  it('keeps unique names as given and prefixes a shared name for every server that offers it', () => {
    const names = assignModelToolNames([
      { server: 'products', name: 'search' },
      { server: 'products', name: 'get_product' },
      { server: 'docs', name: 'search' },
      { server: 'orders', name: 'get_order' },
    ]);

    expect(names).toEqual(['products_search', 'get_product', 'docs_search', 'get_order']);
  });

  it("replaces characters outside the model's rules", () => {
    expect(assignModelToolNames([{ server: 'docs', name: 'help.search/v2' }])).toEqual(['help_search_v2']);
  });

  it('treats names that sanitise alike as a collision', () => {
    const names = assignModelToolNames([
      { server: 'a', name: 'get.item' },
      { server: 'b', name: 'get_item' },
    ]);

    expect(names).toEqual(['a_get_item', 'b_get_item']);
  });

  it('cuts long names to 64 characters deterministically, keeping them apart', () => {
    const long = 'x'.repeat(70);
    const tools = [
      { server: 'orders', name: `${long}_a` },
      { server: 'orders', name: `${long}_b` },
    ];

    const names = assignModelToolNames(tools);

    expect(names).toEqual(assignModelToolNames(tools));
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(MODEL_TOOL_NAME);
    expect(names[0]).toMatch(/^x{55}_[0-9a-f]{8}$/);
  });

  it('tells apart what would still clash after prefixing', () => {
    // docs' `orders_search` meets the prefixed form of orders' `search`.
    const names = assignModelToolNames([
      { server: 'orders', name: 'search' },
      { server: 'docs', name: 'search' },
      { server: 'docs', name: 'orders_search' },
    ]);

    expect(new Set(names).size).toBe(3);
    expect(names[1]).toBe('docs_search');
    for (const name of names) expect(name).toMatch(MODEL_TOOL_NAME);
  });
});
