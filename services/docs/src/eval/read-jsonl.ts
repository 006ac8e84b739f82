import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { EvalInputError } from './eval-input-error.ts';

/**
 * Streams the records of a JSON-lines file one line at a time, so a corpus of any size is indexed
 * without being held in memory as text. Blank lines are skipped. Each record is checked against
 * `schema`; the first line that is not JSON or does not fit stops the stream with an {@link EvalInputError}
 * naming the file and line, and a missing or unreadable file fails before the first record.
 */
export async function* readJsonl<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  label: string,
): AsyncGenerator<z.output<Schema>> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('ready', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (cause) {
    throw new EvalInputError('FILE_UNREADABLE', `cannot read ${label} file ${path}: ${describe(cause)}`, { cause });
  }
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (cause) {
        throw new EvalInputError('BAD_RECORD', `${path}:${lineNumber}: not valid JSON`, { cause });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
        throw new EvalInputError(
          'BAD_RECORD',
          `${path}:${lineNumber}: not a ${label} record${where}: ${issue?.message}`,
        );
      }
      yield parsed.data;
    }
  } catch (cause) {
    if (cause instanceof EvalInputError) throw cause;
    throw new EvalInputError('FILE_UNREADABLE', `cannot read ${label} file ${path}: ${describe(cause)}`, { cause });
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** The system's short reason ("ENOENT: no such file or directory") without a stack. */
function describe(cause: unknown): string {
  if (cause instanceof Error && 'code' in cause && cause.code === 'ENOENT') return 'no such file';
  if (cause instanceof Error && 'code' in cause && cause.code === 'EISDIR') return 'it is a directory';
  return cause instanceof Error ? cause.message : String(cause);
}
