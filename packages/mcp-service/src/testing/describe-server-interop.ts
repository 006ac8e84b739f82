import { expect, it } from 'vitest';
import {
  type ConnectedClient,
  expectedRevision,
  listAndCall,
  REVISION_CLIENTS,
  type RevisionClient,
} from './connect-revision-client.ts';
import { APPLICABLE_CONFORMANCE_SCENARIOS, runConformanceScenario } from './interop-tools.ts';
import { type ListedModelTool, modelToolsFixture } from './model-tools-fixture.ts';

/** A running server as a suite's `beforeAll` fills it in: read only when the tests run. */
export interface InteropTarget {
  url: string;
  client: { listTools(): Promise<{ tools: ListedModelTool[] }> };
}

export interface ServerInteropChecks {
  target: InteropTarget;
  /** model-sim's fixture of this server's tools, kept equal to what the server lists (`vitest -u` refreshes it). */
  modelSimFixture: string;
  /** One representative call every revision's client makes (with its `_meta`, when it needs a customer). */
  call: () => Promise<Parameters<ConnectedClient['callTool']>[0]>;
  /** What that call must answer. */
  expectResult: (result: Awaited<ReturnType<ConnectedClient['callTool']>>) => void;
}

/**
 * The interop checks every MCP server of the shop passes, declared inside the caller's `describe`: its tool
 * list is model-sim's fixture, the official conformance scenarios pass, and every revision's client
 * (2026-07-28, 2025-11-25, the v1 SDK) lists tools that all carry icons and makes the representative call.
 */
export function declareServerInteropChecks(checks: ServerInteropChecks): void {
  it("keeps model-sim's fixture of these tools as this server lists them (vitest -u refreshes it)", async () => {
    const { tools } = await checks.target.client.listTools();
    await expect(await modelToolsFixture(tools, checks.modelSimFixture)).toMatchFileSnapshot(checks.modelSimFixture);
  });

  it.each(APPLICABLE_CONFORMANCE_SCENARIOS)(
    'passes the conformance scenario %s',
    async (scenario) => {
      expect(await runConformanceScenario(checks.target.url, scenario)).toMatch(/0 failed/);
    },
    90_000,
  );

  it.each(REVISION_CLIENTS)(
    'serves the %s client: every tool has an icon, and the representative call',
    async (kind) => {
      const { protocolVersion, tools, result } = await listAndCall(
        kind as RevisionClient,
        checks.target.url,
        await checks.call(),
      );
      expect(protocolVersion).toBe(expectedRevision(kind));
      expect(tools.filter((tool) => !tool.icons?.length)).toEqual([]);
      expect(result.isError).toBeFalsy();
      checks.expectResult(result);
    },
  );
}
