// Test support shared by the workspaces: the whole product on loopback (every deployable as its own
// process), and the real Redis of the tests (TEST_REDIS_URL) with per-run key prefixes.
export {
  type HostProcessRole,
  type ProductProcesses,
  type ProductProcessesOptions,
  type RunningHostProcess,
  type ServiceName,
  startProductProcesses,
} from './start-product-processes.ts';
export { dropPrefix, redisAvailable, TEST_REDIS_URL, testRedisDatabaseUrl, uniquePrefix } from './test-redis.ts';
