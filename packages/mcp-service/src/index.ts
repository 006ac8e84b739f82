// The kit's public surface. Every export here is API that services depend on: add on purpose.
export { createLogger } from './create-logger.ts';
export {
  createMcpService,
  type McpService,
  type McpServiceOptions,
  type ReadinessCheck,
} from './create-mcp-service.ts';
export { createServiceApp } from './create-service-app.ts';
export {
  ANONYMOUS,
  type Caller,
  CUSTOMER_TOKEN_META_KEY,
  type CustomerIdentityVerifier,
  createCustomerIdentityVerifier,
  type IdentityResult,
} from './customer-identity.ts';
export {
  type CustomerTokenSigner,
  createCustomerTokenSigner,
  DEFAULT_IDENTITY_TOKEN_TTL_SECONDS,
  generateIdentityKeyPair,
} from './customer-token-signer.ts';
export { checkIcon, lineIcon, MAX_ICON_SOURCE_LENGTH, type McpIcon, svgIcon } from './define-icon.ts';
export { type AnyPromptDefinition, definePrompt, type PromptDefinition } from './define-prompt.ts';
export { defineResourceTemplate, type ResourceEntry, type ResourceTemplateDefinition } from './define-resource.ts';
export {
  type AnyToolDefinition,
  defineTool,
  type ToolAnnotations,
  type ToolContext,
  type ToolDefinition,
  type ToolOutcome,
  toolFailure,
  toolResult,
} from './define-tool.ts';
export { ConfigError } from './errors.ts';
export {
  type LoadToolFolderOptions,
  listToolFiles,
  loadToolFolder,
  TOOL_FILE_SUFFIX,
  ToolModuleError,
  type ToolModuleExport,
} from './load-tool-folder.ts';
export { databaseUrlVariable, envFlag, parseEnvironment } from './parse-environment.ts';
export { runMain } from './run-main.ts';
export { type RunningService, runMcpService } from './run-mcp-service.ts';
export { serveMcpStdio, stdioIdentity } from './serve-mcp-stdio.ts';
export { loadServiceSettings, SERVICE_DEFAULTS, type ServiceSettings } from './service-settings.ts';
export {
  DEFAULT_SIGN_IN_MESSAGE,
  ERROR_CODE_META_KEY,
  IDEMPOTENCY_KEY_META_KEY,
  PREVIEW_META_KEY,
} from './tool-executor.ts';
export type { TraceContext } from './trace-context.ts';
