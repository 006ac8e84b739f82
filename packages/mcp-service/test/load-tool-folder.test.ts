import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { listToolFiles, loadToolFolder, ToolModuleError } from '../src/index.ts';

const FIXTURE_FOLDER = new URL('./fixtures/tool-folder/', import.meta.url);
const fixture = (file: string) => fileURLToPath(new URL(file, FIXTURE_FOLDER));
const deps = { greeting: 'Hello from the server' };

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A tools folder outside the repository, holding `files` (written in the order given). */
async function toolsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tool-folder-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
const reexport = (file: string) => `export { default } from ${JSON.stringify(fixture(file))};\n`;

describe('loadToolFolder', () => {
  it('serves every *.tool.ts of the folder, definitions as they are and factories given the deps', async () => {
    const tools = await loadToolFolder(FIXTURE_FOLDER, deps);
    expect(tools.map((tool) => tool.name)).toEqual(['echo', 'greet']);
    const greet = tools[1];
    const outcome = await greet?.handler({}, {} as never);
    expect(outcome).toMatchObject({ ok: true, structured: { text: 'Hello from the server' } });
  });

  it('orders by file name, not by tool name or creation order, and skips helper files', async () => {
    const dir = await toolsDir({
      'b-second.tool.ts': reexport('echo.tool.ts'),
      'a-first.tool.ts': reexport('greet.tool.ts'),
      'helper.ts': 'export default 42;\n',
      'notes.tool.md': 'not code',
    });
    const tools = await loadToolFolder(dir, deps);
    expect(tools.map((tool) => tool.name)).toEqual(['greet', 'echo']);
    expect(await listToolFiles(dir)).toEqual(['a-first.tool.ts', 'b-second.tool.ts']);
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
      "export default () => { throw new Error('no repository'); };\n",
      /bad\.tool\.ts tool factory failed: no repository/,
    ],
    ['a factory that returns nothing', 'export default () => undefined;\n', /its factory returned undefined/],
    ['an async factory', 'export default async () => ({});\n', /its factory returned a Promise/],
    ['a syntax error', 'export default {\n', /bad\.tool\.ts failed to load/],
  ])('stops at startup naming the file when it exports %s', async (_case, text, message) => {
    const dir = await toolsDir({ 'good.tool.ts': reexport('echo.tool.ts'), 'bad.tool.ts': text });
    const failure = loadToolFolder(dir, deps);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ code: 'tool_module_invalid', file: join(dir, 'bad.tool.ts') });
    await expect(failure).rejects.toBeInstanceOf(ToolModuleError);
  });

  it("quotes the server's recipe in the message, so the developer knows where to read", async () => {
    const dir = await toolsDir({ 'bad.tool.ts': 'export const hours = 1;\n' });
    await expect(loadToolFolder(dir, deps, { recipe: 'services/orders/README.md, "Add a tool"' })).rejects.toThrow(
      /default-export defineTool\(\{ … \}\) or a factory \(deps\) => defineTool\(\{ … \}\); see services\/orders\/README\.md, "Add a tool"/,
    );
  });

  it('names a file inside the working directory by its relative path', async () => {
    const dir = await toolsDir({ 'bad.tool.ts': 'export default 42;\n' });
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      await expect(loadToolFolder(dir, deps)).rejects.toMatchObject({
        file: join(dir.slice(tmpdir().length + 1), 'bad.tool.ts'),
      });
    } finally {
      process.chdir(cwd);
    }
  });
});
