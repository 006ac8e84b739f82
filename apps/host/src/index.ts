// The host's public surface. The catalogue is what the tool loop, the chat API and main.ts build on.
export { MODEL_TOOL_NAME } from './catalogue/assign-model-tool-names.ts';
export type { CatalogueEntry } from './catalogue/build-catalogue-snapshot.ts';
export { type CatalogueConfig, loadCatalogueConfig } from './catalogue/load-catalogue-config.ts';
export type { CallOptions, ServerState, ServerStatus } from './catalogue/mcp-server-connection.ts';
export { DEFAULT_MCP_SERVERS, type McpServerConfig, parseMcpServers } from './catalogue/parse-mcp-servers.ts';
export {
  type CatalogueCallOptions,
  createToolCatalogue,
  TOOL_CATALOGUE_DEFAULTS,
  type ToolCallEvent,
  type ToolCatalogue,
  type ToolCatalogueOptions,
  type ToolCatalogueSettings,
} from './catalogue/tool-catalogue.ts';
export { toolErrorCode } from './catalogue/tool-error-code.ts';
export { type ToolUnavailableCode, ToolUnavailableError } from './catalogue/tool-unavailable-error.ts';
export { DEMO_STAFF, mintStaffToken } from './console/mint-staff-token.ts';
export { type DemoCustomerId, mintDemoCustomerTokens } from './identity/demo-customer-tokens.ts';
export { type RunningHost, startHost } from './start-host.ts';
