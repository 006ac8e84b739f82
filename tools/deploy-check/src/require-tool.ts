/**
 * Whether a test that needs an outside tool (kubectl, docker-compose) runs: yes when the tool is there; without
 * it, one loud line and a skip, except under CI=true, where .ci/run installs the tool and its absence must fail.
 */
export function requireTool(name: string, available: boolean, install: string): boolean {
  if (available) return true;
  if (process.env.CI === 'true') throw new Error(`${name} is required under CI=true (${install})`);
  console.warn(`\n*** ${name} not found: skipping the checks that need it. Install it: ${install}\n`);
  return false;
}
