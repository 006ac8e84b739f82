import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_TOKEN_META_KEY, createLogger } from '../src/index.ts';
import { createTestIdentity, startTestService, type TestIdentity, type TestService } from '../src/testing/index.ts';
import { fixtureTools } from './support/fixture-tools.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});
let svc: TestService;
let identity: TestIdentity;

beforeAll(async () => {
  identity = await createTestIdentity();
  svc = await startTestService({
    name: 'logged',
    version: '1.0.0',
    tools: fixtureTools,
    logger: createLogger({ service: 'logged', level: 'info', destination: sink }),
    settings: { identityPublicKey: identity.publicKey },
  });
});
afterAll(() => svc?.stop());

describe('the audit line of a tool call', () => {
  it('says who, what, outcome and duration, under the caller’s trace and request id', async () => {
    const token = await identity.signer.sign('cust_alice', 'logged');
    await postMcp(svc.url, callToolMessage('who_am_i', {}, { [CUSTOMER_TOKEN_META_KEY]: token }), {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'x-request-id': 'req-audit-1',
    });
    const line = lines.find((l) => l.msg === 'tool call' && l.requestId === 'req-audit-1');
    expect(line).toMatchObject({
      level: 'info',
      service: 'logged',
      tool: 'who_am_i',
      who: 'cust_alice',
      outcome: 'ok',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      durationMs: expect.any(Number),
    });
    expect(line?.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(line?.spanId).not.toBe('00f067aa0ba902b7');
  });

  it('never writes argument values, tokens or the failure’s secrets to the audit line', async () => {
    const token = await identity.signer.sign('cust_alice', 'logged');
    await postMcp(
      svc.url,
      callToolMessage('echo', { text: 'my card is 4111 1111 1111 1111' }, { [CUSTOMER_TOKEN_META_KEY]: token }),
    );
    await postMcp(svc.url, callToolMessage('echo', { text: 42 }));
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain('4111');
    expect(logged).not.toContain(token);
    const invalid = lines.find((l) => l.msg === 'tool call' && l.outcome === 'invalid');
    expect(invalid).toMatchObject({ tool: 'echo', fields: ['text'] });
  });
});
