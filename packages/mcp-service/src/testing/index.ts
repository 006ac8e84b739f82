// Test helpers for services built on the kit: a real identity key pair and a running service on an
// ephemeral loopback port. Exported from `@shopchat/mcp-service/testing`, never from the main entry.

export { answerHostileCalls, type HostileAnswer, type HostileCall } from './answer-hostile-calls.ts';
export {
  type ConnectedClient,
  connectRevisionClient,
  expectedRevision,
  listAndCall,
  REVISION_CLIENTS,
  type RevisionClient,
} from './connect-revision-client.ts';
export { declareServerInteropChecks, type InteropTarget, type ServerInteropChecks } from './describe-server-interop.ts';
export { echoTool, READ_ONLY_HINTS, whoAmITool } from './fixture-tools.ts';
export {
  DEFAULT_FUZZ_RUNS_PER_TOOL,
  DEFAULT_FUZZ_SEED,
  describeFuzzReport,
  type FuzzCaller,
  type FuzzedTool,
  type FuzzReport,
  type FuzzSettings,
  type FuzzTarget,
  fuzzServerTools,
  fuzzSettings,
  fuzzTestTimeoutMs,
} from './fuzz-server-tools.ts';
export { type HostileValueOptions, hostileValue, INJECTION_STRINGS, ODD_UNICODE } from './hostile-values.ts';
export { APPLICABLE_CONFORMANCE_SCENARIOS, runConformanceScenario, runInspectorCli } from './interop-tools.ts';
export { type ListedModelTool, type ModelTool, modelToolsFixture } from './model-tools-fixture.ts';
export { postOversizedToolCall } from './post-oversized-tool-call.ts';
export { type ServedWithClient, serveWithTestClient } from './serve-with-test-client.ts';
export { startTestService, type TestService } from './start-test-service.ts';
export { createTestIdentity, type TestIdentity } from './test-identity.ts';
export { type JsonSchema, toolArguments } from './tool-arguments-arbitrary.ts';
export {
  INTERNAL_DETAIL,
  type ReceivedToolResult,
  type ToolResultExpectations,
  type ToolResultProblem,
  toolResultProblem,
} from './tool-result-problem.ts';
