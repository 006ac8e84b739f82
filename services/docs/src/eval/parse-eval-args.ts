import { parseArgs } from 'node:util';
import { EvalInputError } from './eval-input-error.ts';

/** The command line of `npm run eval`, as the architecture document fixes it. */
export const EVAL_USAGE =
  'usage: npm run eval -w services/docs -- --corpus FILE --queries FILE --run OUT [--qrels FILE] [--tag TAG]';

export interface EvalArgs {
  corpusPath: string;
  queriesPath: string;
  runPath: string;
  qrelsPath?: string;
  tag?: string;
  help: boolean;
}

/**
 * Parses the eval command's arguments strictly: an unknown flag, a positional argument or a missing
 * required flag is a usage error (EvalInputError `USAGE`) whose message says which, rather than a run that
 * silently uses a default file.
 */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        corpus: { type: 'string' },
        queries: { type: 'string' },
        run: { type: 'string' },
        qrels: { type: 'string' },
        tag: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (cause) {
    throw new EvalInputError('USAGE', `${cause instanceof Error ? cause.message : String(cause)}\n${EVAL_USAGE}`, {
      cause,
    });
  }
  const text = (name: string) => {
    const value = values[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  if (values.help === true) return { corpusPath: '', queriesPath: '', runPath: '', help: true };
  const missing = ['corpus', 'queries', 'run'].filter((name) => text(name) === undefined);
  if (missing.length > 0) {
    throw new EvalInputError('USAGE', `missing ${missing.map((name) => `--${name}`).join(', ')}\n${EVAL_USAGE}`);
  }
  const tag = text('tag');
  if (tag !== undefined && /\s/.test(tag)) throw new EvalInputError('USAGE', `--tag must not contain spaces: "${tag}"`);
  const qrelsPath = text('qrels');
  return {
    corpusPath: text('corpus') ?? '',
    queriesPath: text('queries') ?? '',
    runPath: text('run') ?? '',
    ...(qrelsPath === undefined ? {} : { qrelsPath }),
    ...(tag === undefined ? {} : { tag }),
    help: false,
  };
}
