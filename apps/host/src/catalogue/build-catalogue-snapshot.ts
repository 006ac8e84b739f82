import type { Tool, ToolAnnotations } from '@modelcontextprotocol/client';
import { assignModelToolNames } from './assign-model-tool-names.ts';
import type { McpServerConnection } from './mcp-server-connection.ts';

/** One tool of the catalogue, as `GET /api/tools` shows it and the tool loop looks it up. */
export interface CatalogueEntry {
  /** The configured name of the server that owns the tool. */
  server: string;
  /** The name the model sees and calls: the server's own, or `${server}_${name}` on a collision. */
  name: string;
  /** The name on its server. */
  originalName: string;
  title?: string;
  description: string;
  /** As announced by the server (2025-11-25 `icons`); the widget shows the first one it deems safe. */
  icons?: Tool['icons'];
  inputSchema: Tool['inputSchema'];
  outputSchema?: Tool['outputSchema'];
  /** As announced by the server; `{}` when it announced none. */
  annotations: ToolAnnotations;
  /**
   * Its server declared that it describes a planned change when asked (the preview capability): only then does
   * the approval card come from the server; otherwise from the tool's title, description and exact arguments.
   */
  previewable: boolean;
  /** Its server answers now; unavailable tools are listed here but never offered to the model. */
  available: boolean;
}

/** One immutable view of the catalogue; rebuilt only when its fingerprint changes. */
export interface CatalogueSnapshot {
  fingerprint: string;
  entries: readonly CatalogueEntry[];
  byName: ReadonlyMap<string, CatalogueEntry>;
}

/** What the snapshot depends on: each server's availability and tool-list hash. */
export function fingerprintOf(connections: readonly McpServerConnection[]): string {
  return connections
    .map((c) => `${c.name}:${c.isUp() ? 'up' : 'down'}:${c.describesPlannedCalls() ? 'p' : ''}:${c.toolsHash()}`)
    .join('|');
}

/** Entries in a stable order (servers as configured, tools as listed), with their model-facing names. */
export function buildCatalogueSnapshot(connections: readonly McpServerConnection[]): CatalogueSnapshot {
  // Tools of a down server stay in the naming, so names do not shift while it is away.
  const sources = connections.flatMap((connection) =>
    connection.tools().map((tool) => ({
      server: connection.name,
      available: connection.isUp(),
      previewable: connection.describesPlannedCalls(),
      tool,
    })),
  );
  const names = assignModelToolNames(sources.map(({ server, tool }) => ({ server, name: tool.name })));
  const entries = sources.map(({ server, available, previewable, tool }, index): CatalogueEntry => {
    const annotations = tool.annotations ?? {};
    return Object.freeze({
      server,
      name: names[index] as string,
      originalName: tool.name,
      ...(tool.title ? { title: tool.title } : {}),
      description: tool.description ?? tool.title ?? tool.name,
      ...(tool.icons?.length ? { icons: tool.icons } : {}),
      inputSchema: tool.inputSchema,
      ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
      annotations,
      previewable,
      available,
    });
  });
  return {
    fingerprint: fingerprintOf(connections),
    entries: Object.freeze(entries),
    byName: new Map(entries.map((entry) => [entry.name, entry])),
  };
}
