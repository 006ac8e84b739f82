import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../src/testing/index.ts';
import { echoTool } from './support/fixture-tools.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

const TOKEN = 'a-service-token-of-enough-length';
let svc: TestService;
let ready = true;

beforeAll(async () => {
  svc = await startTestService({
    name: 'guarded',
    version: '1.0.0',
    tools: [echoTool],
    settings: { serviceToken: TOKEN, allowedHosts: 'any' },
    readiness: async () => (ready ? { ok: true } : { ok: false, reason: 'database unreachable' }),
  });
});
afterAll(() => svc?.stop());

describe('MCP_SERVICE_TOKEN', () => {
  it('refuses calls without the bearer token, or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of attempts) {
      const response = await postMcp(svc.url, callToolMessage('echo', { text: 'x' }), headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('serves calls that carry it', async () => {
    const response = await postMcp(svc.url, callToolMessage('echo', { text: 'x' }), {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(response.status).toBe(200);
  });

  it('keeps probes open to the kubelet, which has no token', async () => {
    const base = svc.url.replace('/mcp', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('reports readiness from the dependency check', async () => {
    const base = svc.url.replace('/mcp', '');
    ready = false;
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not_ready', reason: 'database unreachable' });
    ready = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
