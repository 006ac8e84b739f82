/** Stable codes of the eval command's failures; the CLI maps each to a message and an exit code. */
export type EvalInputErrorCode = 'USAGE' | 'FILE_UNREADABLE' | 'BAD_RECORD' | 'RUN_UNWRITABLE';

/**
 * A failure of the eval command caused by its input (arguments or files), as opposed to a bug. The
 * message is written for the person who ran the command and names the file and line where there is one.
 */
export class EvalInputError extends Error {
  override readonly name = 'EvalInputError';
  readonly code: EvalInputErrorCode;

  constructor(code: EvalInputErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
