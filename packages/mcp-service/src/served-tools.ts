import { z } from 'zod';
import type { McpIcon } from './define-icon.ts';
import type { AnyToolDefinition } from './define-tool.ts';

/** A tool as `tools/list` announces it. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  icons?: readonly McpIcon[];
  inputSchema: { type: 'object'; [key: string]: unknown };
  outputSchema: { type: 'object'; [key: string]: unknown };
  annotations: AnyToolDefinition['annotations'] & { title: string };
}

/**
 * The tools one MCP server serves, with everything derivable from the definitions computed once (the host's
 * `ToolCatalogue` is another thing: the tools it gathers from every server).
 */
export interface ServedTools {
  /** The frozen `tools/list` result: the same object serves every request. */
  readonly listResult: { tools: readonly ListedTool[] };
  get(name: string): AnyToolDefinition | undefined;
  readonly names: readonly string[];
}

/**
 * Compiles tool definitions into the served tools. JSON Schema generation is the expensive part of serving a
 * tool list, so it happens here, at startup, and never per request.
 */
export function compileServedTools(definitions: readonly AnyToolDefinition[]): ServedTools {
  const byName = new Map<string, AnyToolDefinition>();
  for (const definition of definitions) {
    if (byName.has(definition.name)) {
      throw new TypeError(`Two tools are named "${definition.name}": tool names must be unique within a server.`);
    }
    byName.set(definition.name, definition);
  }
  const tools = definitions.map(
    (definition): ListedTool =>
      deepFreeze({
        name: definition.name,
        title: definition.title,
        description: definition.description,
        ...(definition.icons?.length ? { icons: definition.icons.map((icon) => ({ ...icon })) } : {}),
        inputSchema: toObjectSchema(definition.input, 'input', definition.name),
        outputSchema: toObjectSchema(definition.output, 'output', definition.name),
        annotations: { title: definition.title, ...definition.annotations },
      }),
  );
  return {
    listResult: Object.freeze({ tools: Object.freeze(tools) }),
    get: (name) => byName.get(name),
    names: Object.freeze([...byName.keys()]),
  };
}

function toObjectSchema(schema: z.ZodObject, io: 'input' | 'output', tool: string) {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'throw' }) as Record<
    string,
    unknown
  >;
  if (json.type !== 'object') throw new TypeError(`Tool "${tool}": the ${io} schema must be an object schema.`);
  return json as { type: 'object'; [key: string]: unknown };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
