import { describe, expect, it } from 'vitest';
import { loadHostSettings } from '../src/host-settings.ts';
import { startHost } from '../src/start-host.ts';

const base = { ANTHROPIC_BASE_URL: 'http://127.0.0.1:3200' };

describe('the host settings of the scale-out roles', () => {
  it('reads worker concurrency, the shared LLM limit and the Redis key prefix, with defaults', () => {
    expect(loadHostSettings(base)).toMatchObject({
      redisPrefix: 'shopchat:host',
      workerConcurrency: 50,
      llmRateLimit: { requests: 4_000, windowMs: 60_000 },
    });
    expect(
      loadHostSettings({
        ...base,
        REDIS_KEY_PREFIX: 'shop-7:host',
        WORKER_CONCURRENCY: '200',
        LLM_RATE_LIMIT_REQUESTS: '50',
        LLM_RATE_LIMIT_WINDOW_MS: '10000',
      }),
    ).toMatchObject({
      redisPrefix: 'shop-7:host',
      workerConcurrency: 200,
      llmRateLimit: { requests: 50, windowMs: 10_000 },
    });
  });

  it('reads the Claude provider, the model and extended thinking, which is off unless given a budget', () => {
    expect(loadHostSettings(base)).toMatchObject({
      model: 'claude-sonnet-5-5',
      modelClient: { provider: 'anthropic', baseUrl: 'http://127.0.0.1:3200', maxRetries: 4 },
    });
    expect(loadHostSettings(base).thinkingBudgetTokens).toBeUndefined();
    // A cloud provider signs with the cloud's credentials: it needs neither a key nor model-sim.
    expect(
      loadHostSettings({
        CLAUDE_PROVIDER: 'vertex',
        CLOUD_ML_REGION: 'global',
        ANTHROPIC_VERTEX_PROJECT_ID: 'shop-prod',
        ANTHROPIC_MODEL: 'claude-sonnet-4-5@20250929',
        ANTHROPIC_THINKING_BUDGET_TOKENS: '2048',
      }),
    ).toMatchObject({
      model: 'claude-sonnet-4-5@20250929',
      thinkingBudgetTokens: 2048,
      modelClient: { provider: 'vertex', vertexRegion: 'global', vertexProjectId: 'shop-prod' },
    });
    expect(() => loadHostSettings({ ...base, CLAUDE_PROVIDER: 'azure' })).toThrow(/CLAUDE_PROVIDER/);
    expect(() => loadHostSettings({ ...base, ANTHROPIC_THINKING_BUDGET_TOKENS: '512' })).toThrow(
      /ANTHROPIC_THINKING_BUDGET_TOKENS/,
    );
  });

  it('names the variable at fault', () => {
    expect(() => loadHostSettings({ ...base, LLM_RATE_LIMIT_WINDOW_MS: '1500' })).toThrow(
      /LLM_RATE_LIMIT_WINDOW_MS.*whole seconds/,
    );
    expect(() => loadHostSettings({ ...base, WORKER_CONCURRENCY: '0' })).toThrow(/WORKER_CONCURRENCY/);
    expect(() => loadHostSettings({ ...base, REDIS_KEY_PREFIX: 'has space' })).toThrow(/REDIS_KEY_PREFIX/);
  });

  it('asks each role only for what it uses: Redis for both, the customer secret for the API, the signing key for the worker', async () => {
    const common = { ...base, MCP_SERVERS: 'orders=http://127.0.0.1:1/mcp', PORT: '0' };
    await expect(startHost({ ...common, CUSTOMER_JWT_SECRET: 'x'.repeat(32) }, 'api')).rejects.toThrow(/REDIS_URL/);
    const redis = { REDIS_URL: 'redis://127.0.0.1:1', TURN_JOB_SECRET: 'j'.repeat(32) };
    await expect(startHost({ ...common, ...redis }, 'api')).rejects.toThrow(/CUSTOMER_JWT_SECRET/);
    await expect(startHost({ ...common, ...redis, CUSTOMER_JWT_SECRET: 'x'.repeat(32) }, 'worker')).rejects.toThrow(
      /MCP_IDENTITY_PRIVATE_KEY/,
    );
    // The queue is in Redis: every role that uses it signs or verifies its jobs.
    for (const role of ['api', 'worker', 'all'] as const) {
      await expect(
        startHost({ ...common, REDIS_URL: 'redis://127.0.0.1:1', CUSTOMER_JWT_SECRET: 'x'.repeat(32) }, role),
      ).rejects.toThrow(/TURN_JOB_SECRET/);
    }
  });
});
