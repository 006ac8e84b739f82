import { readFile } from 'node:fs/promises';

/** The fields of a `tools/list` entry that a host hands to a model. */
export interface ListedModelTool {
  name: string;
  description?: string | undefined;
  inputSchema: unknown;
}

/** A tool as a host hands it to the Anthropic Messages API: what model-sim's tests are fed. */
export interface ModelTool {
  name: string;
  description: string;
  input_schema: unknown;
}

/**
 * The text a model-tools fixture file must hold for a server that lists `listed`: each tool as the host
 * hands it to the model (name, description, input schema), in the server's order, as pretty JSON. Only the
 * tools the file already holds are kept (all of them when there is no file yet): a tool added to the server
 * needs no fixture edit, while a changed or removed one no longer matches. Compare it with
 * `expect(text).toMatchFileSnapshot(file)`; `vitest -u` rewrites the file from the server.
 */
export async function modelToolsFixture(listed: readonly ListedModelTool[], file: string): Promise<string> {
  const kept = await fixtureToolNames(file);
  const tools: ModelTool[] = listed
    .filter((tool) => kept === undefined || kept.has(tool.name))
    .map((tool) => ({ name: tool.name, description: tool.description ?? '', input_schema: tool.inputSchema }));
  return `${JSON.stringify(tools, null, 2)}\n`;
}

async function fixtureToolNames(file: string): Promise<Set<string> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return new Set((JSON.parse(text) as ModelTool[]).map((tool) => tool.name));
}
