import { EvalInputError } from './eval-input-error.ts';
import { formatSummary } from './format-summary.ts';
import { EVAL_USAGE, parseEvalArgs } from './parse-eval-args.ts';
import { runEval } from './run-eval.ts';

/**
 * `npm run eval -w services/docs -- --corpus FILE --queries FILE --run OUT [--qrels FILE] [--tag TAG]`
 *
 * Exit codes: 0 done, 2 usage error, 1 unreadable or malformed input, unwritable output, or a bug.
 * Input problems print one line naming the file (and line); only a bug prints a stack.
 */
async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseEvalArgs(argv);
    if (args.help) {
      process.stdout.write(`${EVAL_USAGE}\n`);
      return 0;
    }
    const summary = await runEval(args);
    process.stdout.write(formatSummary(summary, args.runPath));
    return 0;
  } catch (error) {
    if (error instanceof EvalInputError) {
      process.stderr.write(`eval: ${error.message}\n`);
      return error.code === 'USAGE' ? 2 : 1;
    }
    console.error(error);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
