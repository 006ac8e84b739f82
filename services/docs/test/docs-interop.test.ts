import { fileURLToPath } from 'node:url';
import {
  APPLICABLE_CONFORMANCE_SCENARIOS,
  expectedRevision,
  listAndCall,
  modelToolsFixture,
  REVISION_CLIENTS,
  runConformanceScenario,
  runInspectorCli,
} from '@shopchat/mcp-service/testing';
import { EMBEDDED_TEST_BACKEND } from '@shopchat/postgres/testing';
import { describe, expect, it } from 'vitest';
import { serveDocs } from './support/serve-docs.ts';

/** model-sim's tests are fed this server's tools as the host hands them to a model: generated here, never copied. */
const MODEL_SIM_FIXTURE = fileURLToPath(
  new URL('../../../packages/model-sim/test/fixtures/shop-tools/docs.json', import.meta.url),
);

describe('docs server with the official conformance suite and MCP Inspector', () => {
  const { docs } = serveDocs(EMBEDDED_TEST_BACKEND);

  it("keeps model-sim's fixture of these tools as this server lists them (vitest -u refreshes it)", async () => {
    const { tools } = await docs.client.listTools();
    await expect(await modelToolsFixture(tools, MODEL_SIM_FIXTURE)).toMatchFileSnapshot(MODEL_SIM_FIXTURE);
  });

  it.each(APPLICABLE_CONFORMANCE_SCENARIOS)(
    'passes the conformance scenario %s',
    async (scenario) => {
      expect(await runConformanceScenario(docs.url, scenario)).toMatch(/0 failed/);
    },
    90_000,
  );

  it.each(REVISION_CLIENTS)('serves the %s client: every tool has an icon, and a search', async (kind) => {
    const { protocolVersion, tools, result } = await listAndCall(kind, docs.url, {
      name: 'search_docs',
      arguments: { query: 'gift without receipt' },
    });
    expect(protocolVersion).toBe(expectedRevision(kind));
    expect(tools.filter((tool) => !tool.icons?.length)).toEqual([]);
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.structuredContent)).toMatch(/returning-a-gift/);
  });

  it('lets MCP Inspector’s CLI search, read a resource and render the prompt', async () => {
    const searched = (await runInspectorCli(
      docs.url,
      '--method',
      'tools/call',
      '--tool-name',
      'search_docs',
      '--tool-arg',
      'query=gift without receipt',
    )) as { structuredContent?: unknown };
    expect(JSON.stringify(searched.structuredContent)).toMatch(/returning-a-gift/);
    const resource = (await runInspectorCli(
      docs.url,
      '--method',
      'resources/read',
      '--uri',
      'docs://articles/return-policy',
    )) as {
      contents: { text: string }[];
    };
    expect(resource.contents[0]?.text).toMatch(/30 days/);
    const prompt = (await runInspectorCli(
      docs.url,
      '--method',
      'prompts/get',
      '--prompt-name',
      'answer_from_policy',
      '--prompt-args',
      'question=Can I return worn boots?',
    )) as { messages: { content: { text: string } }[] };
    expect(prompt.messages[0]?.content.text).toMatch(/Can I return worn boots\?/);
  }, 120_000);
});
