import fc from 'fast-check';
import { ERROR_CODE_META_KEY, PREVIEW_META_KEY } from '../tool-executor.ts';
import type { HostileValueOptions } from './hostile-values.ts';
import { type JsonSchema, toolArguments } from './tool-arguments-arbitrary.ts';
import { type ReceivedToolResult, toolResultProblem } from './tool-result-problem.ts';

/** What the fuzzer reads of a tool in `tools/list` (the kit's `ListedTool` is the full announcement). */
export interface FuzzedTool {
  name: string;
  inputSchema: unknown;
  outputSchema?: unknown;
  annotations?: { readOnlyHint?: boolean };
}

/** Who calls: a customer id, or `undefined` for an anonymous visitor. */
export type FuzzCaller = string | undefined;

/** A running MCP server as the fuzzer reaches it. */
export interface FuzzTarget {
  /** The server's tools, listed at test time: a new tool is fuzzed without a change to the test. */
  tools: readonly FuzzedTool[];
  /** One `tools/call` as `caller`, optionally as a preview; a throw (transport or protocol error) is a crash. */
  call(name: string, args: Record<string, unknown>, caller: FuzzCaller, preview: boolean): Promise<ReceivedToolResult>;
  /** A digest of all the data the server owns: a refused call must leave it as it was. */
  fingerprint(): Promise<string>;
  /** Resolves while the server still answers (an MCP ping). */
  ping(): Promise<unknown>;
  /** The callers to try, each equally often. */
  callers: readonly FuzzCaller[];
  /** Per caller: other customers' values to slip in, and the caller's own to reach success paths. */
  values?(caller: FuzzCaller): HostileValueOptions;
  /** Per caller: strings that must never reach that caller (other customers' names, addresses, …). */
  secrets?(caller: FuzzCaller): readonly string[];
}

/** Runs per tool and the seed: `FC_NUM_RUNS` and `FC_SEED` override them to explore further. */
export interface FuzzSettings {
  numRunsPerTool: number;
  seed: number;
}

/** What a fuzzing run tried and found; `problems` holds fast-check's report (seed, counterexample) per failure. */
export interface FuzzReport {
  tools: number;
  tried: number;
  failures: number;
  crashes: number;
  leaks: number;
  /** How often each outcome came back: `ok`, `preview` or an error code. */
  outcomes: Record<string, number>;
  seed: number;
  problems: string[];
}

/** Property runs per tool by default: about a second of calls per tool on PGlite, so a file stays at a few seconds. */
export const DEFAULT_FUZZ_RUNS_PER_TOOL = 40;
/** A fixed default seed keeps CI repeatable; the summary line prints it, `FC_SEED` changes it. */
export const DEFAULT_FUZZ_SEED = 20_260_611;

/** The settings from `FC_NUM_RUNS` / `FC_SEED`, or the defaults. */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  const runs = Number(env.FC_NUM_RUNS);
  const seed = Number(env.FC_SEED);
  return {
    numRunsPerTool: Number.isInteger(runs) && runs > 0 ? runs : DEFAULT_FUZZ_RUNS_PER_TOOL,
    seed: Number.isInteger(seed) ? seed : DEFAULT_FUZZ_SEED,
  };
}

/** Up to this long per run of every tool, for a test's timeout: ten tools at 150 ms a call, fingerprint included. */
const MS_PER_RUN = 1_500;

/** A test timeout that lets `settings` finish, however many runs `FC_NUM_RUNS` asks for (at least 60 s). */
export function fuzzTestTimeoutMs(settings: FuzzSettings = fuzzSettings()): number {
  return Math.max(60_000, settings.numRunsPerTool * MS_PER_RUN);
}

/**
 * For every tool the server lists, a fast-check property over generated callers and arguments (see
 * {@link toolArguments}), previews included: the server answers every call with a valid result or a clean
 * tool error, never crashes, never shows a caller another customer's data, and a refused call (or any
 * call to a read-only tool) leaves the database exactly as it was. Failures are collected, not thrown, so
 * a test can print its summary line first.
 */
export async function fuzzServerTools(
  target: FuzzTarget,
  settings: FuzzSettings = fuzzSettings(),
): Promise<FuzzReport> {
  const report: FuzzReport = {
    tools: target.tools.length,
    tried: 0,
    failures: 0,
    crashes: 0,
    leaks: 0,
    outcomes: {},
    seed: settings.seed,
    problems: [],
  };
  let baseline = await target.fingerprint();

  for (const tool of target.tools) {
    const schema = tool.inputSchema as JsonSchema;
    // One arbitrary per caller, built once: building one parses the schema's patterns.
    const call = fc.oneof(
      ...target.callers.map((caller) =>
        fc.record({
          caller: fc.constant(caller),
          args: toolArguments(schema, target.values?.(caller) ?? {}),
          preview: fc.boolean(),
        }),
      ),
    );
    const property = fc.asyncProperty(call, async ({ caller, args, preview }) => {
      report.tried++;
      let result: ReceivedToolResult;
      try {
        result = await target.call(tool.name, args, caller, preview);
      } catch (error) {
        report.crashes++;
        throw new Error(`the call failed instead of answering: ${String(error).slice(0, 300)}`);
      }
      const outcome = result._meta?.[PREVIEW_META_KEY]
        ? 'preview'
        : String(result._meta?.[ERROR_CODE_META_KEY] ?? (result.isError ? 'error' : 'ok'));
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      const problem = toolResultProblem(result, {
        input: args,
        secrets: target.secrets?.(caller) ?? [],
        structured: tool.outputSchema !== undefined,
      });
      if (problem?.kind === 'leak') report.leaks++;
      if (problem) throw new Error(`${problem.message}\n${JSON.stringify(result).slice(0, 600)}`);
      const after = await target.fingerprint();
      const changed = after !== baseline;
      baseline = after;
      if (changed && result.isError) throw new Error('a refused call changed the database');
      if (changed && tool.annotations?.readOnlyHint) throw new Error('a read-only tool changed the database');
    });
    const details = await fc.check(property, {
      numRuns: settings.numRunsPerTool,
      seed: settings.seed,
      includeErrorInReport: true,
    });
    if (details.failed) {
      report.failures++;
      report.problems.push(`${tool.name}: ${fc.defaultReportMessage(details)}`);
      baseline = await target.fingerprint();
    }
  }
  try {
    await target.ping();
  } catch (error) {
    report.crashes++;
    report.problems.push(`the server stopped answering: ${String(error)}`);
  }
  return report;
}

/** The one summary line a test prints, e.g. `orders on pglite: 5 tools, 300 inputs tried, 0 failures, …`. */
export function describeFuzzReport(label: string, report: FuzzReport): string {
  const outcomes = Object.entries(report.outcomes)
    .sort(([, a], [, b]) => b - a)
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(', ');
  return `[property] ${label}: ${report.tools} tools, ${report.tried} inputs tried, ${report.failures} failures, ${report.crashes} crashes, ${report.leaks} leaks (seed ${report.seed}; ${outcomes})`;
}
