import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type TestDatabase, testBackends } from '@shopchat/postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDocs, startDocs } from './support/start-docs.ts';

const run = promisify(execFile);
const bin = (name: string) => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));
const pglite = (await testBackends('services/docs')).find((backend) => backend.name === 'pglite');
const SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'];

describe('docs server with the official conformance suite and MCP Inspector', () => {
  let database: TestDatabase;
  let docs: RunningDocs;
  beforeAll(async () => {
    database = await (pglite as NonNullable<typeof pglite>).open();
    docs = await startDocs(database.db);
  });
  afterAll(async () => {
    await docs?.stop();
    await database?.dispose();
  });

  it.each(SCENARIOS)(
    'passes the conformance scenario %s',
    async (scenario) => {
      const { stdout } = await run(bin('conformance'), ['server', '--url', docs.url, '--scenario', scenario], {
        timeout: 60_000,
      }).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`conformance ${scenario} failed:\n${error.stdout}\n${error.stderr}`);
      });
      expect(stdout).toMatch(/Passed: (\d+)\/\1, 0 failed/);
    },
    90_000,
  );

  it('lets MCP Inspector’s CLI search, read a resource and render the prompt', async () => {
    const cli = async (...args: string[]) =>
      JSON.parse((await run(bin('mcp-inspector'), ['--cli', docs.url, ...args], { timeout: 60_000 })).stdout);
    const searched = await cli(
      '--method',
      'tools/call',
      '--tool-name',
      'search_docs',
      '--tool-arg',
      'query=gift without receipt',
    );
    expect(JSON.stringify(searched.structuredContent)).toMatch(/returning-a-gift/);
    const resource = await cli('--method', 'resources/read', '--uri', 'docs://articles/return-policy');
    expect(resource.contents[0].text).toMatch(/30 days/);
    const prompt = await cli(
      '--method',
      'prompts/get',
      '--prompt-name',
      'answer_from_policy',
      '--prompt-args',
      'question=Can I return worn boots?',
    );
    expect(prompt.messages[0].content.text).toMatch(/Can I return worn boots\?/);
  }, 120_000);
});
