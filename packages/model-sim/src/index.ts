// model-sim's public surface. Every export here is API that the launcher, the host's tests and the
// benchmarks depend on: add on purpose.

export { ConfigError } from '@shopchat/mcp-service/config-error';
export type { ApiErrorBody, ApiErrorType } from './api-error.ts';
export {
  createModelSimApp,
  MODEL_SIM_DEFAULTS,
  type ModelSimApp,
  type ModelSimOptions,
} from './create-model-sim-app.ts';
export { loadModelSimSettings, MODEL_SIM_PORT, type ModelSimSettings } from './model-sim-settings.ts';
export { OFFLINE_MARKER } from './offline-marker.ts';
export type { PromptCacheOptions } from './prompt-cache.ts';
export { FAIL_HEADER } from './simulated-failure.ts';
export { type RunningModelSim, type StartModelSimOptions, startModelSim } from './start-model-sim.ts';
export { REPLAY_HEADER } from './wire-fixtures.ts';
