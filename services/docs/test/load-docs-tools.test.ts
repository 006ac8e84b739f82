import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleIndex } from '../src/articles/article-index.ts';
import { loadDocsTools, ToolModuleError } from '../src/tools/load-docs-tools.ts';

// The factories only keep their dependencies for later calls; none is called here.
const deps = { index: {} as ArticleIndex, helpCenterUrl: 'https://shop.example/help' };
const realTool = (file: string) => fileURLToPath(new URL(`../src/tools/${file}`, import.meta.url));

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A tools folder outside the repository, holding `files` (written in the order given). */
async function toolsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docs-tools-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('loadDocsTools', () => {
  it('serves every *.tool.ts of src/tools, in file-name order', async () => {
    const names = (await loadDocsTools(deps)).map((tool) => tool.name);
    // Only the built-in tools are pinned: apps/host/test/e2e/one-definition.test.ts adds one for a few seconds.
    expect(names.filter((name) => name === 'get_article' || name === 'search_docs')).toEqual([
      'get_article',
      'search_docs',
    ]);
  });

  it('orders by file name, not by tool name or creation order, and skips helper files', async () => {
    const dir = await toolsDir({
      'b-second.tool.ts': `export { default } from ${JSON.stringify(realTool('get-article.tool.ts'))};\n`,
      'a-first.tool.ts': `export { default } from ${JSON.stringify(realTool('search-docs.tool.ts'))};\n`,
      'helper.ts': 'export default 42;\n',
    });
    const tools = await loadDocsTools(deps, dir);
    expect(tools.map((tool) => tool.name)).toEqual(['search_docs', 'get_article']);
  });

  it.each([
    ['a number', 'export default 42;\n', /bad\.tool\.ts is not a tool: its default export is number/],
    ['no default export', 'export const hours = 1;\n', /bad\.tool\.ts has no default export/],
    [
      'a half-written definition',
      "export default { name: 'store_hours' };\n",
      /bad\.tool\.ts is not a tool: .*without a valid title, description, input, output/,
    ],
    [
      'a factory that throws',
      "export default () => { throw new Error('no index'); };\n",
      /bad\.tool\.ts tool factory failed: no index/,
    ],
    ['a factory that returns nothing', 'export default () => undefined;\n', /its factory returned undefined/],
    ['a syntax error', 'export default {\n', /bad\.tool\.ts failed to load/],
  ])('stops at startup naming the file when it exports %s', async (_case, text, message) => {
    const dir = await toolsDir({ 'bad.tool.ts': text });
    const failure = loadDocsTools(deps, dir);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ code: 'tool_module_invalid', file: join(dir, 'bad.tool.ts') });
    await expect(failure).rejects.toBeInstanceOf(ToolModuleError);
  });
});
