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

describe('a service’s own routes', () => {
  it('are served beside /mcp without the service token, guarding themselves', async () => {
    const own = await startTestService({
      name: 'with-routes',
      version: '1.0.0',
      tools: [echoTool],
      settings: { serviceToken: TOKEN, allowedHosts: 'any' },
      routes: (app) => {
        app.get('/images/:name', (req, res) => {
          res.type('image/svg+xml').send(`<svg><title>${req.params.name.replace(/\W/g, '')}</title></svg>`);
        });
      },
    });
    try {
      const base = own.url.replace('/mcp', '');
      const image = await fetch(`${base}/images/boot`);
      expect(image.status).toBe(200);
      expect(await image.text()).toContain('<title>boot</title>');
      expect((await postMcp(own.url, callToolMessage('echo', { text: 'x' }))).status).toBe(401);
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await own.stop();
    }
  });
});
