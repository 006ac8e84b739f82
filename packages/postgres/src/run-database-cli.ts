import { type Database, openDatabase } from './database.ts';

/**
 * Runs a one-shot database command the way operators expect from a Kubernetes Job or a terminal: settings
 * from the environment, one JSON line on stdout when done, a one-line reason on stderr and exit code 1
 * when not.
 */
export async function runDatabaseCli(
  /** The service, for messages: `orders`, `products`. */
  service: string,
  name: string,
  task: (db: Database, env: NodeJS.ProcessEnv) => Promise<Record<string, unknown>>,
): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    // The embedded database lives inside the service process, which migrates and seeds it itself.
    fail(
      service,
      name,
      'DATABASE_URL must be set to a postgres:// URL (the embedded database needs no separate step).',
    );
    return;
  }
  let db: Database | undefined;
  try {
    db = await openDatabase({ url });
    const summary = await task(db, process.env);
    process.stdout.write(`${JSON.stringify({ command: name, ok: true, ...summary })}\n`);
  } catch (error) {
    fail(service, name, describe(error));
  } finally {
    await db?.close();
  }
}

function fail(service: string, name: string, reason: string): void {
  console.error(`${service} ${name} failed: ${reason}`);
  process.exitCode = 1;
}

/** A readable reason without a stack; connection failures often arrive as an AggregateError with no message. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return [error.message || error.name, typeof code === 'string' ? `(${code})` : ''].filter(Boolean).join(' ');
  }
  return String(error);
}
