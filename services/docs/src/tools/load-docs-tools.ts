import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type AnyToolDefinition, defineTool } from '@shopchat/mcp-service';
import { z } from 'zod';
import type { DocsToolDeps } from './docs-tool-deps.ts';

/** A file in the tools folder is a tool when its name ends so; anything else there is a helper. */
export const TOOL_FILE_SUFFIX = '.tool.ts';

/** The folder the docs server's tools live in: this one. */
export const DOCS_TOOLS_DIR = fileURLToPath(new URL('.', import.meta.url));

/** What a `*.tool.ts` file default-exports: a factory given the server's dependencies, or the definition. */
export type DocsToolModuleExport = ((deps: DocsToolDeps) => AnyToolDefinition) | AnyToolDefinition;

const RECIPE =
  'default-export defineTool({ … }) or a factory (deps: DocsToolDeps) => defineTool({ … }); see services/docs/README.md, "Add a tool"';

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
 * The docs server's tools: every `*.tool.ts` file of `dir`, imported once at startup in file-name order
 * (so the tool list, and a model's prompt cache, do not change between starts or replicas). Adding a tool
 * is adding such a file; nothing else is edited. Throws {@link ToolModuleError} for a file that fails to
 * import or exports something that is not a tool.
 */
export async function loadDocsTools(deps: DocsToolDeps, dir: string = DOCS_TOOLS_DIR): Promise<AnyToolDefinition[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(TOOL_FILE_SUFFIX))
    .map((entry) => entry.name)
    .sort();
  const tools: AnyToolDefinition[] = [];
  for (const name of files) tools.push(await loadToolFile(join(dir, name), deps));
  return tools;
}

async function loadToolFile(path: string, deps: DocsToolDeps): Promise<AnyToolDefinition> {
  const local = relative(process.cwd(), path);
  const file = local && !local.startsWith('..') && !isAbsolute(local) ? local : path;
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(path).href);
  } catch (error) {
    throw new ToolModuleError(file, `failed to load: ${describe(error)}`, { cause: error });
  }
  const exported = module.default;
  if (exported === undefined) throw new ToolModuleError(file, `has no default export: ${RECIPE}.`);
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
    throw new ToolModuleError(file, `is not a tool: ${what} ${problem}. Expected: ${RECIPE}.`);
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
