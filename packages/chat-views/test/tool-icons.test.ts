import { describe, expect, it } from 'vitest';
import { safeIconSrc, toolIconsOf } from '../src/tool-icons.ts';

const PAGE = 'https://shop.example';
const SVG = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"/>')}`;

describe('tool icons the widget shows', () => {
  it.each([
    ['inline SVG', SVG, SVG],
    ['an https URL', 'https://cdn.example/i.svg', 'https://cdn.example/i.svg'],
    ['a same-origin path', '/icons/i.svg', 'https://shop.example/icons/i.svg'],
  ])('shows %s', (_label, src, shown) => {
    expect(safeIconSrc(src, PAGE)).toBe(shown);
  });

  it.each([
    ['a script URL', 'javascript:alert(1)'],
    ['an HTML data URI', 'data:text/html,<script>alert(1)</script>'],
    ['plain http elsewhere', 'http://tracker.example/p.svg'],
    ['a huge src', `${SVG}${'a'.repeat(5000)}`],
    ['something not a string', { src: 1 }],
  ])('refuses %s', (_label, src) => {
    expect(safeIconSrc(src, PAGE)).toBeUndefined();
  });

  it('keeps the first safe icon of each tool of a GET /api/tools body and skips the rest', () => {
    const icons = toolIconsOf(
      {
        tools: [
          { name: 'cancel_order', icons: [{ src: 'javascript:alert(1)' }, { src: SVG }] },
          { name: 'get_order', icons: [{ src: 'http://tracker.example/p.svg' }] },
          { name: 'search_products' },
          { icons: [{ src: SVG }] },
        ],
      },
      PAGE,
    );
    expect([...icons]).toEqual([['cancel_order', SVG]]);
    expect(toolIconsOf('not json', PAGE).size).toBe(0);
  });
});
