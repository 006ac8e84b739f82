import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { type AnyToolDefinition, defineTool } from './define-tool.ts';

/** A file in a tools folder is a tool when its name ends so; anything else there is a helper. */
export const TOOL_FILE_SUFFIX = '.tool.ts';

/**
 * What a `*.tool.ts` file default-exports: the definition itself, or a factory given the server's
 * dependencies (its repository, clock, links…) that returns it.
 */
export type ToolModuleExport<Deps> = AnyToolDefinition | ((deps: Deps) => AnyToolDefinition);

export interface LoadToolFolderOptions {
  /**
   * Where the server documents its recipe, quoted in the startup error of a file that is not a tool
   * (e.g. `services/orders/README.md, "Add a tool"`).
   */
  recipe?: string;
}

/** A tool file that cannot be served. Stops the server at startup; the message names the file. */
export class ToolModuleError extends Error {
  readonly code = 'tool_module_invalid';
  readonly isRetryable = false;
  /** The offending file: relative to the working directory when inside it, else absolute. */
  readonly file: string;

  constructor(file: string, problem: string, options?: ErrorOptions) {
    super(`${file} ${problem}`, options);
    this.name = 'ToolModuleError';
    this.file = file;
  }
}

/**
 * A server's tools: every `*.tool.ts` file of `folder` (a path or a `file:` URL such as
 * `new URL('./tools/', import.meta.url)`), imported once at startup in file-name order, so the tool list,
 * and a model's prompt cache, are the same on every start and every replica. Adding a tool is adding such
 * a file; nothing else is edited. A factory export is called with `deps`. Throws {@link ToolModuleError}
 * for a file that fails to import or exports something that is not a tool.
 */
export async function loadToolFolder<Deps>(
  folder: string | URL,
  deps: Deps,
  options: LoadToolFolderOptions = {},
): Promise<AnyToolDefinition[]> {
  const dir = folder instanceof URL ? fileURLToPath(folder) : folder;
  const files = await listToolFiles(dir);
  const recipe = `default-export defineTool({ … }) or a factory (deps) => defineTool({ … })${options.recipe ? `; see ${options.recipe}` : ''}`;
  const tools: AnyToolDefinition[] = [];
  for (const name of files) tools.push(await loadToolFile(join(dir, name), deps, recipe));
  return tools;
}

/** The `*.tool.ts` file names of `folder`, sorted: the tools a server built on it serves, in this order. */
export async function listToolFiles(folder: string | URL): Promise<string[]> {
  const entries = await readdir(folder instanceof URL ? fileURLToPath(folder) : folder, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(TOOL_FILE_SUFFIX))
    .map((entry) => entry.name)
    .sort();
}

async function loadToolFile(path: string, deps: unknown, recipe: string): Promise<AnyToolDefinition> {
  const local = relative(process.cwd(), path);
  const file = local && !local.startsWith('..') && !isAbsolute(local) ? local : path;
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(path).href);
  } catch (error) {
    throw new ToolModuleError(file, `failed to load: ${describe(error)}`, { cause: error });
  }
  const exported = module.default;
  if (exported === undefined) throw new ToolModuleError(file, `has no default export: ${recipe}.`);
  let candidate: unknown = exported;
  if (typeof exported === 'function') {
    try {
      candidate = exported(deps);
    } catch (error) {
      throw new ToolModuleError(file, `tool factory failed: ${describe(error)}`, { cause: error });
    }
  }
  const problem = definitionProblem(candidate);
  if (problem) {
    const what = typeof exported === 'function' ? 'its factory returned' : 'its default export is';
    throw new ToolModuleError(file, `is not a tool: ${what} ${problem}. Expected: ${recipe}.`);
  }
  try {
    // Idempotent for definitions that already went through defineTool; checks hand-written ones.
    return defineTool(candidate as AnyToolDefinition);
  } catch (error) {
    throw new ToolModuleError(file, `is not a valid tool: ${describe(error)}`, { cause: error });
  }
}

/** Why `value` is not a tool definition, or undefined when it has a definition's shape. */
function definitionProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return `${value === null ? 'null' : typeof value}`;
  if (typeof (value as { then?: unknown }).then === 'function') return 'a Promise (factories are synchronous)';
  const definition = value as Record<string, unknown>;
  const missing = [
    ...(['name', 'title', 'description'] as const).filter((key) => typeof definition[key] !== 'string'),
    ...(['input', 'output'] as const).filter((key) => !(definition[key] instanceof z.ZodObject)),
    ...(typeof definition.annotations === 'object' && definition.annotations !== null ? [] : ['annotations']),
    ...(typeof definition.needsCustomer === 'boolean' ? [] : ['needsCustomer']),
    ...(typeof definition.handler === 'function' ? [] : ['handler']),
  ];
  return missing.length > 0 ? `an object without a valid ${missing.join(', ')}` : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
