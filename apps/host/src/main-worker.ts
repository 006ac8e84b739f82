// The host's worker role: `npm run start:worker -w apps/host` (REDIS_URL required; probes on PORT, 3001).
import { runHostProcess } from './run-host-process.ts';

await runHostProcess('worker');
