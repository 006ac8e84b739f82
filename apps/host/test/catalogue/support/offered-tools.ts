import type { ToolCatalogue } from '../../../src/index.ts';
import { catalogueGateway } from '../../../src/turn/catalogue-gateway.ts';
import { needsApproval } from '../../../src/turn/tool-gateway.ts';

/** Names of the tools a turn offers the model now, read the way the turn reads them. */
export function offeredToolNames(catalogue: ToolCatalogue): string[] {
  return catalogueGateway(catalogue)
    .availableTools()
    .map((tool) => tool.name);
}

/** Whether a turn would ask the customer before calling this tool, decided the way the turn decides. */
export function asksApprovalFor(catalogue: ToolCatalogue, name: string): boolean {
  const tool = catalogueGateway(catalogue).find(name);
  if (!tool) throw new Error(`no tool ${name} in the catalogue`);
  return needsApproval(tool);
}
