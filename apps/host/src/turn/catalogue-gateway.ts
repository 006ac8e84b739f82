import type { ToolCatalogue } from '../catalogue/tool-catalogue.ts';
import type { GatewayTool, GatewayToolResult, ToolGateway } from './tool-gateway.ts';

/** The tool catalogue, seen by the turn runner as a {@link ToolGateway}. */
export function catalogueGateway(catalogue: ToolCatalogue): ToolGateway {
  const toGatewayTool = (entry: NonNullable<ReturnType<ToolCatalogue['lookup']>>): GatewayTool => ({
    name: entry.name,
    server: entry.server,
    ...(entry.title ? { title: entry.title } : {}),
    description: entry.description,
    inputSchema: entry.inputSchema as Record<string, unknown>,
    annotations: entry.annotations,
    previewable: entry.previewable,
  });
  return {
    availableTools: () =>
      catalogue
        .entries()
        .filter((entry) => entry.available)
        .map(toGatewayTool),
    find(name) {
      const entry = catalogue.lookup(name);
      return entry ? toGatewayTool(entry) : undefined;
    },
    call: async (name, input, options) => (await catalogue.call(name, input, options)) as GatewayToolResult,
  };
}
