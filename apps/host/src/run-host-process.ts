import { runMain } from '@shopchat/mcp-service';
import { type HostRole, startHost } from './start-host.ts';

/** Runs one host role as this process, stopping gracefully on SIGTERM or SIGINT. */
export async function runHostProcess(role: HostRole): Promise<void> {
  await runMain(role === 'all' ? 'host' : `host ${role}`, async () => {
    const running = await startHost(process.env, role);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  });
}
