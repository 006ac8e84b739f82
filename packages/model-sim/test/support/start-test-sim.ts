import Anthropic from '@anthropic-ai/sdk';
import pino from 'pino';
import { type RunningModelSim, type StartModelSimOptions, startModelSim } from '../../src/index.ts';

/** A model name that the SDK does not know (so it prints no deprecation notice) and the sim echoes. */
export const MODEL = 'model-sim-test';

export interface TestSim extends RunningModelSim {
  /** The official SDK, pointed at the sim, without retries (a test sees every error as it came). */
  client: Anthropic;
}

/** model-sim on a free port with a silent logger, and an SDK client for it. Stop it in `afterAll`. */
export async function startTestSim(options: StartModelSimOptions = {}): Promise<TestSim> {
  const sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }), shutdownGraceMs: 2_000, ...options });
  const client = new Anthropic({ apiKey: options.apiKey ?? 'test-key', baseURL: sim.url, maxRetries: 0 });
  return { ...sim, client };
}
