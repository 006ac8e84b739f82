import { ConfigError } from './errors.ts';

/**
 * Runs a process's startup: a bad setting or an unreachable dependency ends it with one clear line on
 * stderr and exit code 1, never a stack trace (docs/architecture.md#settings: a bad setting stops it with a clear message).
 */
export async function runMain(what: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const reason = isConfigError(error) ? `invalid setting: ${error.message}` : describeError(error);
    console.error(`${what} failed to start: ${reason}`);
    process.exit(1);
  }
}

/** A bad setting: the kit's {@link ConfigError}, or another package's error with the same stable code. */
function isConfigError(error: unknown): error is Error {
  return (
    error instanceof ConfigError || (error instanceof Error && (error as { code?: unknown }).code === 'config_invalid')
  );
}

/** A readable reason: connection failures often arrive as an AggregateError with no message of its own. */
function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}
