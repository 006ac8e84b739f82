// The host's API role: `npm run start:api -w apps/host` (REDIS_URL required; turns run on the workers).
import { runHostProcess } from './run-host-process.ts';

await runHostProcess('api');
