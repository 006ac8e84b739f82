import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
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
  client: { listTools(): Promise<{ tools: (ListedModelTool & { outputSchema?: unknown })[] }> };
}

export interface ServerInteropChecks {
  target: InteropTarget;
  /** model-sim's fixture of this server's tools, kept equal to what the server lists (`vitest -u` refreshes it). */
  modelSimFixture: string;
  /** One representative call every revision's client makes (with its `_meta`, when it needs a customer). */
  call: () => Promise<Parameters<ConnectedClient['callTool']>[0]>;
  /** What that call must answer. */
  expectResult: (result: Awaited<ReturnType<ConnectedClient['callTool']>>) => void;
  /**
   * model-sim's hand-written tool results, by tool name: those of this server's tools must match the output
   * schema the server lists, so model-sim's tests never feed the model an answer the server cannot give.
   */
  modelSimResults: Readonly<Record<string, readonly unknown[]>>;
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

  it("keeps model-sim's tool results within the output schemas this server lists", async () => {
    const { tools } = await checks.target.client.listTools();
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    // A CommonJS module: its plugin is `.default` under Node's ESM loader and TypeScript alike.
    ajvFormats.default(ajv);
    const checked: string[] = [];
    const problems: string[] = [];
    for (const tool of tools) {
      const fixtures = checks.modelSimResults[tool.name];
      if (!fixtures || !tool.outputSchema) continue;
      const validate = ajv.compile(tool.outputSchema as object);
      for (const [index, fixture] of fixtures.entries()) {
        if (validate(fixture)) continue;
        for (const error of validate.errors ?? [])
          problems.push(`${tool.name} #${index} at "${error.instancePath}": ${error.message}`);
      }
      checked.push(tool.name);
    }
    expect(problems).toEqual([]);
    // Not vacuous: at least one of this server's tools has model-sim results to check.
    expect(checked.length).toBeGreaterThan(0);
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
