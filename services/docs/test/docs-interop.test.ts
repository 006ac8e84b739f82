import { fileURLToPath } from 'node:url';
import { declareServerInteropChecks, runInspectorCli } from '@shopchat/mcp-service/testing';
import { EMBEDDED_TEST_BACKEND } from '@shopchat/postgres/testing';
import { describe, expect, it } from 'vitest';
import { TOOL_RESULT_FIXTURES } from '../../../packages/model-sim/test/fixtures/tool-results.ts';
import { serveDocs } from './support/serve-docs.ts';

/** model-sim's tests are fed this server's tools as the host hands them to a model: generated here, never copied. */
const MODEL_SIM_FIXTURE = fileURLToPath(
  new URL('../../../packages/model-sim/test/fixtures/shop-tools/docs.json', import.meta.url),
);

describe('docs server with the official conformance suite and MCP Inspector', () => {
  const { docs } = serveDocs(EMBEDDED_TEST_BACKEND);

  declareServerInteropChecks({
    target: docs,
    modelSimFixture: MODEL_SIM_FIXTURE,
    modelSimResults: TOOL_RESULT_FIXTURES,
    call: async () => ({ name: 'search_docs', arguments: { query: 'gift without receipt' } }),
    expectResult: (result) => expect(JSON.stringify(result.structuredContent)).toMatch(/returning-a-gift/),
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
