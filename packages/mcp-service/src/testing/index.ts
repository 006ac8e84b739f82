// Test helpers for services built on the kit: a real identity key pair and a running service on an
// ephemeral loopback port. Exported from `@shopchat/mcp-service/testing`, never from the main entry.

export { APPLICABLE_CONFORMANCE_SCENARIOS, runConformanceScenario, runInspectorCli } from './interop-tools.ts';
export { startTestService, type TestService } from './start-test-service.ts';
export { createTestIdentity, type TestIdentity } from './test-identity.ts';
