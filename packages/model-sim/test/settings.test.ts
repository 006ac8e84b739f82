import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ConfigError as KitConfigError } from '@shopchat/mcp-service/config-error';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadModelSimSettings, MODEL_SIM_PORT } from '../src/index.ts';

const packageDir = new URL('../', import.meta.url);

describe('settings from the environment', () => {
  it('has defaults for running alone: port 3200, no latency, no key', () => {
    expect(loadModelSimSettings({})).toMatchObject({
      port: MODEL_SIM_PORT,
      host: '127.0.0.1',
      ttftMs: 0,
      tokensPerSecond: 0,
      overloadEvery: 0,
      cacheMinTokens: 1_024,
    });
    expect(loadModelSimSettings({}).apiKey).toBeUndefined();
  });

  it('reads the latency knobs and the rest', () => {
    const settings = loadModelSimSettings({
      PORT: '4000',
      MODEL_SIM_TTFT_MS: '400',
      MODEL_SIM_TOKENS_PER_S: '60',
      MODEL_SIM_API_KEY: 'k',
      MODEL_SIM_OVERLOAD_EVERY: '5',
      LOG_LEVEL: 'warn',
      MODEL_SIM_CACHE_MIN_TOKENS: '',
    });
    expect(settings).toMatchObject({
      port: 4000,
      ttftMs: 400,
      tokensPerSecond: 60,
      apiKey: 'k',
      overloadEvery: 5,
      logLevel: 'warn',
    });
    expect(settings.cacheMinTokens).toBe(1_024);
  });

  it.each([
    ['MODEL_SIM_TTFT_MS', '-5'],
    ['MODEL_SIM_TOKENS_PER_S', 'fast'],
    ['MODEL_SIM_OVERLOAD_EVERY', '1.5'],
    ['PORT', '99999'],
    ['LOG_LEVEL', 'loud'],
  ])('a bad %s stops startup with a message naming it', (variable, value) => {
    expect(() => loadModelSimSettings({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadModelSimSettings({ [variable]: value })).toThrow(new RegExp(`^${variable} is invalid`));
  });

  it("throws the kit's ConfigError, the one every process reports the same way", () => {
    expect(ConfigError).toBe(KitConfigError);
    expect(() => loadModelSimSettings({ MODEL_SIM_TTFT_MS: 'soon' })).toThrow(
      expect.objectContaining({ code: 'config_invalid', variable: 'MODEL_SIM_TTFT_MS' }),
    );
  });

  it('takes an empty variable as unset, as shells and compose files mean it', () => {
    expect(loadModelSimSettings({ PORT: '', MODEL_SIM_TTFT_MS: '' })).toMatchObject({
      port: MODEL_SIM_PORT,
      ttftMs: 0,
    });
  });
});

describe('npm start -w packages/model-sim (src/main.ts)', () => {
  it('runs alone, logs JSON lines, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['src/main.ts'], {
      cwd: packageDir,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    for (let attempt = 0; attempt < 100 && !output.includes('listening'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const line = JSON.parse(output.split('\n')[0] ?? '{}') as { url?: string; service?: string };
    expect(line.service).toBe('model-sim');
    const response = await fetch(line.url ?? '', {
      method: 'POST',
      body: JSON.stringify({ model: 'm', max_tokens: 50, messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(response.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses to start on a bad setting, naming the variable', async () => {
    const child = spawn(process.execPath, ['src/main.ts'], {
      cwd: packageDir,
      env: { ...process.env, PORT: '0', MODEL_SIM_TTFT_MS: 'soon' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(errors).toContain('model-sim failed to start: invalid setting: MODEL_SIM_TTFT_MS is invalid');
  });
});
