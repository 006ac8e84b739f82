// The host: `npm start -w apps/host` (API and turns in one process; with REDIS_URL the scale-out issue
// splits them into start:api and start:worker).
import { runMain } from '@shopchat/mcp-service';
import { startHost } from './start-host.ts';

await runMain('host', async () => {
  const running = await startHost(process.env);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
});
