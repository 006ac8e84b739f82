// The host in one process: `npm start -w apps/host` (the chat API and the turns; with REDIS_URL the turns go
// through the queue to this process's own worker, as they would to separate ones).
import { runHostProcess } from './run-host-process.ts';

await runHostProcess('all');
