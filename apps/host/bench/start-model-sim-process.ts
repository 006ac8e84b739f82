import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/catalogue/support/wait-for.ts';

const MODEL_SIM_MAIN = fileURLToPath(new URL('../../../packages/model-sim/src/main.ts', import.meta.url));

export interface ModelSimProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * model-sim as its own process (as deployed: its CPU is not the benchmark's), at the given pace, ready
 * when this resolves.
 */
export async function startModelSimProcess(pace: {
  ttftMs: number;
  tokensPerSecond: number;
}): Promise<ModelSimProcess> {
  const port = await freePort();
  const sim = spawn(process.execPath, [MODEL_SIM_MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      MODEL_SIM_TTFT_MS: String(pace.ttftMs),
      MODEL_SIM_TOKENS_PER_S: String(pace.tokensPerSecond),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (sim.exitCode !== null || sim.signalCode !== null) return;
    sim.kill('SIGTERM');
    await once(sim, 'exit');
  };
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, pid: sim.pid ?? 0, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`model-sim at ${url} did not become ready`);
}
