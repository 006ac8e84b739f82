import { createHash } from 'node:crypto';

/** Anthropic's rule for tool names: `^[a-zA-Z0-9_-]{1,64}$`. */
export const MODEL_TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_LENGTH = 64;
/** Room kept for `_` and 8 hex digits when a name must be shortened or told apart. */
const HASH_SUFFIX_LENGTH = 9;

export interface ToolNameSource {
  server: string;
  /** The tool's name on its server. */
  name: string;
}

/**
 * Gives every tool the name the model sees. A name offered by one server only goes through as given
 * (made to fit the model's rules); a name offered by two or more servers becomes `${server}_${name}`
 * for all of them, so none of them silently wins. A name still longer than 64 characters, or still equal
 * to another after sanitising, is cut and suffixed with a hash of its server and original name:
 * deterministic, so every host replica and every refresh yields the same names for the same tools.
 * Returns the names in input order.
 */
export function assignModelToolNames(tools: readonly ToolNameSource[]): string[] {
  const serversByName = new Map<string, Set<string>>();
  for (const tool of tools) {
    const key = sanitize(tool.name);
    const servers = serversByName.get(key) ?? new Set<string>();
    servers.add(tool.server);
    serversByName.set(key, servers);
  }
  const candidates = tools.map((tool) => {
    const collides = (serversByName.get(sanitize(tool.name))?.size ?? 0) > 1;
    return fit(sanitize(collides ? `${tool.server}_${tool.name}` : tool.name), tool);
  });
  const uses = new Map<string, number>();
  for (const name of candidates) uses.set(name, (uses.get(name) ?? 0) + 1);
  return candidates.map((name, index) => {
    const tool = tools[index] as ToolNameSource;
    return (uses.get(name) ?? 0) > 1 ? withHash(name, tool) : name;
  });
}

/** Replaces every character the model refuses with `_`. */
function sanitize(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '_');
  return cleaned.length > 0 ? cleaned : 'tool';
}

function fit(name: string, tool: ToolNameSource): string {
  return name.length <= MAX_LENGTH ? name : withHash(name, tool);
}

function withHash(name: string, tool: ToolNameSource): string {
  const hash = createHash('sha256').update(`${tool.server}\u0000${tool.name}`).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_LENGTH - HASH_SUFFIX_LENGTH)}_${hash}`;
}
