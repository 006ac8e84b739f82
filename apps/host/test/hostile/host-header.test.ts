import { generateIdentityKeyPair } from '@shopchat/mcp-service';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadHostSettings } from '../../src/host-settings.ts';
import { parseAllowedHosts } from '../../src/http/allowed-hosts.ts';
import { type RunningHost, startHost } from '../../src/start-host.ts';
import { newChatId } from '../chat/support/chat-requests.ts';
import { startChatServer, TEST_SECRET } from '../chat/support/chat-test-server.ts';
import { createFakeTurnRunner } from '../chat/support/fake-turn-runner.ts';
import { type EdgeHost, rawRequest, startEdgeHost, userMessageBody } from './support/start-edge-host.ts';

let host: EdgeHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const chatPost = (hostHeader: string, origin?: string) => ({
  method: 'POST',
  headers: { host: hostHeader, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
  body: JSON.stringify(userMessageBody(newChatId(), 'hello')),
});

describe('attack: DNS rebinding (a page whose own name resolves to the host)', () => {
  it('answers 421 on every route to a Host that is not the host’s, demo tokens and chat included', async () => {
    host = await startEdgeHost({ demoTokens: { cust_alice: 'secret-demo-token' } });
    const evil = `rebind.attacker.example:${host.port}`;
    for (const path of ['/demo-tokens.json', '/', '/widget.js', '/api/tools', '/api/openapi.json', `/api/chat/x`]) {
      const response = await rawRequest(host.port, path, { headers: { host: evil } });
      expect(response.status, path).toBe(421);
      expect(JSON.parse(response.body)).toMatchObject({ error: 'misdirected_request' });
      expect(response.body).not.toContain('secret-demo-token');
    }
    const post = await rawRequest(host.port, '/api/chat', chatPost(evil, `http://${evil}`));
    expect(post.status).toBe(421);
    expect(host.runner.inputs).toHaveLength(0);
    // The host's own names work.
    for (const name of ['localhost', `127.0.0.1:${host.port}`, `[::1]:${host.port}`]) {
      expect((await rawRequest(host.port, '/demo-tokens.json', { headers: { host: name } })).status, name).toBe(200);
    }
  });

  it('lets the kubelet’s probes through with the pod IP as Host, and nothing else', async () => {
    host = await startEdgeHost({ edge: { allowedHosts: parseAllowedHosts('chat.shop.example') } });
    expect((await rawRequest(host.port, '/healthz', { headers: { host: '10.42.0.17:3000' } })).status).toBe(200);
    expect((await rawRequest(host.port, '/readyz', { headers: { host: '10.42.0.17:3000' } })).status).toBe(200);
    expect((await rawRequest(host.port, '/api/tools', { headers: { host: '10.42.0.17:3000' } })).status).toBe(421);
    expect((await rawRequest(host.port, '/api/tools', { headers: { host: 'chat.shop.example' } })).status).toBe(200);
    expect((await rawRequest(host.port, '/api/tools', { headers: { host: 'CHAT.shop.example.' } })).status).toBe(200);
  });

  it('does not take a rebinding page for the host’s own page in CORS (Origin and Host both the attacker’s)', async () => {
    // The chat routes alone, without the app's Host check: CORS itself must not trust the client's Host.
    const server = await startChatServer(createFakeTurnRunner());
    try {
      const port = new URL(server.baseUrl).port;
      const evil = `rebind.attacker.example:${port}`;
      const response = await rawRequest(Number(port), '/api/chat', chatPost(evil, `http://${evil}`));
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ error: 'origin_not_allowed' });
      // The host's own page still counts as same-origin.
      const own = `127.0.0.1:${port}`;
      expect((await rawRequest(Number(port), '/api/chat', chatPost(own, `http://${own}`))).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('asks for ALLOWED_HOSTS when the API listens beyond loopback, and checks its entries', async () => {
    const keys = await generateIdentityKeyPair();
    const env = {
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:3200',
      MCP_SERVERS: 'orders=http://127.0.0.1:1/mcp',
      MCP_IDENTITY_PRIVATE_KEY: keys.privateKey,
      CUSTOMER_JWT_SECRET: TEST_SECRET,
      HOST: '0.0.0.0',
      PORT: '0',
      METRICS_PORT: '0',
      LOG_LEVEL: 'silent',
    };
    await expect(startHost(env)).rejects.toThrow(/ALLOWED_HOSTS.*is required when HOST is 0\.0\.0\.0/);
    expect(loadHostSettings({ ...env, ALLOWED_HOSTS: 'chat.shop.example, [::1]:3000' }).allowedHosts).toEqual({
      any: false,
      entries: [{ name: 'chat.shop.example' }, { name: '[::1]', port: '3000' }],
    });
    for (const bad of ['https://chat.shop.example', 'chat.shop.example/', 'a b', '*,chat.shop.example', 'x:99999']) {
      expect(() => loadHostSettings({ ...env, ALLOWED_HOSTS: bad }), bad).toThrow(/ALLOWED_HOSTS/);
    }
  });
});

describe('security headers', () => {
  it('sends a CSP, nosniff, no referrer, and forbids framing any page (the console included)', async () => {
    host = await startEdgeHost();
    for (const path of ['/', '/console/', '/api/tools']) {
      const { headers } = await rawRequest(host.port, path, { headers: { host: 'localhost' } });
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('no-referrer');
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    }
    const page = await rawRequest(host.port, '/', { headers: { host: 'localhost' } });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('keeps the widget script embeddable by shops on other origins', async () => {
    host = await startEdgeHost();
    const script = await rawRequest(host.port, '/widget.js', { headers: { host: 'localhost' } });
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });
});

describe('attack: reading the API’s metrics from the internet', () => {
  let running: RunningHost;
  beforeAll(async () => {
    const keys = await generateIdentityKeyPair();
    running = await startHost({
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:3200',
      MCP_SERVERS: 'orders=http://127.0.0.1:1/mcp',
      MCP_IDENTITY_PRIVATE_KEY: keys.privateKey,
      CUSTOMER_JWT_SECRET: TEST_SECRET,
      PORT: '0',
      METRICS_PORT: '0',
      LOG_LEVEL: 'silent',
    });
  });
  afterAll(() => running?.stop());

  it('serves /metrics only on METRICS_PORT, not on the public port', async () => {
    expect(running.metricsUrl).not.toBe(running.url);
    const publicMetrics = await fetch(`${running.url}/metrics`);
    expect(publicMetrics.status).toBe(404);
    await publicMetrics.text();
    const metrics = await fetch(`${running.metricsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_cpu_user_seconds_total');
    // And the metrics port serves nothing else.
    const chat = await fetch(`${running.metricsUrl}/api/tools`);
    expect(chat.status).toBe(404);
    await chat.text();
  });
});
