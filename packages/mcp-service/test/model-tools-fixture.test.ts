import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { modelToolsFixture } from '../src/testing/index.ts';

const listed = [
  { name: 'b_tool', description: 'Second.', inputSchema: { type: 'object', properties: {} } },
  { name: 'a_tool', description: 'First.', inputSchema: { type: 'object', required: ['x'] } },
];

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function fixtureFile(content?: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'model-tools-'));
  dirs.push(dir);
  const file = join(dir, 'server.json');
  if (content !== undefined) await writeFile(file, JSON.stringify(content));
  return file;
}

describe('modelToolsFixture', () => {
  it('writes every listed tool as a model is handed it, in the server order, when there is no file yet', async () => {
    const text = await modelToolsFixture(listed, await fixtureFile());
    expect(JSON.parse(text)).toEqual([
      { name: 'b_tool', description: 'Second.', input_schema: { type: 'object', properties: {} } },
      { name: 'a_tool', description: 'First.', input_schema: { type: 'object', required: ['x'] } },
    ]);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('keeps only the tools the file holds, so a new tool on the server needs no fixture edit', async () => {
    const file = await fixtureFile([{ name: 'a_tool', description: 'old wording', input_schema: {} }]);
    // The current wording comes back: a snapshot comparison with the file fails on the drift.
    expect(JSON.parse(await modelToolsFixture(listed, file))).toEqual([
      { name: 'a_tool', description: 'First.', input_schema: { type: 'object', required: ['x'] } },
    ]);
  });

  it('drops a tool the server no longer lists, so the comparison fails on a removed tool', async () => {
    const file = await fixtureFile([
      { name: 'a_tool', description: 'First.', input_schema: { type: 'object', required: ['x'] } },
      { name: 'gone_tool', description: 'Removed.', input_schema: {} },
    ]);
    const names = JSON.parse(await modelToolsFixture(listed, file)).map((tool: { name: string }) => tool.name);
    expect(names).toEqual(['a_tool']);
  });
});
