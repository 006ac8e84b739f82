import { ConfigError } from '@shopchat/mcp-service';
import { z } from 'zod';

/** One MCP server the host gathers tools from. */
export interface McpServerConfig {
  /** Lowercase identifier: the audience of its identity tokens and the prefix of colliding tool names. */
  name: string;
  /** Its Streamable HTTP endpoint, e.g. `http://orders:3101/mcp`. */
  url: URL;
  /** The host is not ready while a required server is down (`MCP_REQUIRED_SERVERS`). */
  required: boolean;
}

/** The embedded defaults of `npm start`: the three servers on their default ports (docs/architecture.md#processes-and-ports). */
export const DEFAULT_MCP_SERVERS =
  'orders=http://127.0.0.1:3101/mcp,products=http://127.0.0.1:3102/mcp,docs=http://127.0.0.1:3103/mcp';

/** Servers beyond this are a configuration mistake, and every one of them costs tool-list tokens per turn. */
const MAX_SERVERS = 32;

/**
 * Short enough that `${server}_${tool}` leaves room for the tool within the model's 64 characters;
 * no dots or slashes, so it is usable verbatim as a token audience, a metrics label and a name prefix.
 */
const SERVER_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

const ServerUrl = z.url({ protocol: /^https?$/ });

/**
 * Reads `MCP_SERVERS` (`name=url,name=url`; unset: {@link DEFAULT_MCP_SERVERS}) and `MCP_REQUIRED_SERVERS`
 * (`name,name`; unset: none). A bad value throws a {@link ConfigError} naming the variable and the entry.
 */
export function parseMcpServers(env: {
  MCP_SERVERS?: string | undefined;
  MCP_REQUIRED_SERVERS?: string | undefined;
}): McpServerConfig[] {
  const variable = 'MCP_SERVERS';
  const source = env.MCP_SERVERS?.trim() || DEFAULT_MCP_SERVERS;
  const entries = splitList(source);
  if (entries.length === 0) throw new ConfigError(variable, 'names no server; expected name=url,name=url');
  if (entries.length > MAX_SERVERS) throw new ConfigError(variable, `names more than ${MAX_SERVERS} servers`);

  const servers: McpServerConfig[] = [];
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at < 1) throw new ConfigError(variable, `entry "${clip(entry)}" is not name=url`);
    const name = entry.slice(0, at).trim();
    const rawUrl = entry.slice(at + 1).trim();
    if (!SERVER_NAME.test(name)) {
      throw new ConfigError(
        variable,
        `server name "${clip(name)}" is invalid: use 1-32 lowercase letters, digits, _ or -, starting with a letter`,
      );
    }
    if (servers.some((server) => server.name === name)) {
      throw new ConfigError(variable, `names the server "${name}" twice`);
    }
    if (!ServerUrl.safeParse(rawUrl).success) {
      throw new ConfigError(variable, `URL of "${name}" is not an http:// or https:// URL: "${clip(rawUrl)}"`);
    }
    const url = new URL(rawUrl);
    if (url.username || url.password) {
      // Credentials in a URL end up in logs; the service token has its own variable.
      throw new ConfigError(variable, `URL of "${name}" must not carry credentials; set MCP_SERVICE_TOKEN instead`);
    }
    servers.push({ name, url, required: false });
  }

  for (const name of splitList(env.MCP_REQUIRED_SERVERS ?? '')) {
    const server = servers.find((candidate) => candidate.name === name);
    if (!server) {
      throw new ConfigError(
        'MCP_REQUIRED_SERVERS',
        `names "${clip(name)}", which is not in MCP_SERVERS (${servers.map((s) => s.name).join(', ')})`,
      );
    }
    server.required = true;
  }
  return servers;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Echoes a bad value back without a URL's credentials, and without letting a novel flood the log line. */
function clip(value: string): string {
  const safe = value.replace(/\/\/[^/@]*@/, '//***@');
  return safe.length > 80 ? `${safe.slice(0, 80)}…` : safe;
}
