import { ERROR_CODE_META_KEY } from '../tool-executor.ts';
import type { ReceivedToolResult } from './tool-result-problem.ts';

/** One call an attacker makes: a tool name and whatever arguments they like. */
export type HostileCall = [tool: string, args: unknown];

/** What a server answered to one hostile call, ready for the test's own checks. */
export interface HostileAnswer<Result extends ReceivedToolResult = ReceivedToolResult> {
  tool: string;
  args: unknown;
  /** The tool and the start of its arguments: names the call in an assertion message. */
  label: string;
  result: Result;
  /** The result as JSON: what a leak check reads. */
  body: string;
}

/**
 * Sends `calls` one after the other through `call` and hands each answer to `check`. A call that raises instead
 * of answering fails at once, naming the call: a hostile argument must get an answer, never a crash. Returns
 * how many answers carried each error code (`ok` for a success).
 */
export async function answerHostileCalls<Result extends ReceivedToolResult>(
  calls: readonly HostileCall[],
  call: (tool: string, args: unknown) => Promise<Result>,
  check: (answer: HostileAnswer<Result>) => void,
): Promise<Map<string, number>> {
  const codes = new Map<string, number>();
  for (const [tool, args] of calls) {
    let result: Result;
    try {
      result = await call(tool, args);
    } catch (error) {
      throw new Error(`${tool}(${JSON.stringify(args)?.slice(0, 120)}) raised instead of answering: ${error}`);
    }
    const errorCode = String(result._meta?.[ERROR_CODE_META_KEY] ?? 'ok');
    codes.set(errorCode, (codes.get(errorCode) ?? 0) + 1);
    check({
      tool,
      args,
      label: `${tool} ${JSON.stringify(args)?.slice(0, 100)}`,
      result,
      body: JSON.stringify(result),
    });
  }
  return codes;
}
