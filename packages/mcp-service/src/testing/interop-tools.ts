import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repo's own copies of the official tools (root devDependencies), run as a developer would run them. */
const bin = (name: string) => fileURLToPath(new URL(`../../../../node_modules/.bin/${name}`, import.meta.url));

/** The conformance scenarios that apply to a server without the suite's own fixture tools. */
export const APPLICABLE_CONFORMANCE_SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection'];

/**
 * Runs one scenario of the official MCP conformance suite against `url` and returns its report; throws
 * with the suite's own output when a check fails, so the test failure says which.
 */
export async function runConformanceScenario(url: string, scenario: string): Promise<string> {
  try {
    const { stdout } = await run(bin('conformance'), ['server', '--url', url, '--scenario', scenario], {
      timeout: 60_000,
    });
    if (!/Passed: (\d+)\/\1, 0 failed/.test(stdout))
      throw Object.assign(new Error('not all checks passed'), { stdout });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`conformance scenario ${scenario} failed against ${url}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** Runs MCP Inspector's CLI against `url` (`--method tools/list`, …) and parses its JSON answer. */
export async function runInspectorCli(url: string, ...args: string[]): Promise<unknown> {
  const { stdout } = await run(bin('mcp-inspector'), ['--cli', url, ...args], { timeout: 60_000 });
  return JSON.parse(stdout);
}
