import { z } from 'zod';
import { ConfigError } from './errors.ts';

/**
 * Validates a process's settings against a zod schema of its environment variables. An empty variable
 * (`FOO=`) counts as unset, as operators expect from shells and compose files. The first problem stops
 * startup with a {@link ConfigError} naming the variable.
 */
export function parseEnvironment<Schema extends z.ZodObject>(schema: Schema, env: NodeJS.ProcessEnv): z.output<Schema> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      String(issue?.path[0] ?? 'environment'),
      `is invalid: ${issue?.message ?? 'unknown problem'}`,
    );
  }
  return parsed.data;
}

/** A yes/no variable, as operators write it: `true`/`1` or `false`/`0`. */
export const envFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** `DATABASE_URL`: a PostgreSQL connection URL; unset means the embedded database. */
export const databaseUrlVariable = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
  .optional();
