import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_TOKEN_META_KEY } from '../src/index.ts';
import type { TestIdentity, TestService } from '../src/testing/index.ts';
import { startLoggedFixtureService } from './support/logged-fixture-service.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

let svc: TestService;
let identity: TestIdentity;
let lines: Record<string, unknown>[];

beforeAll(async () => {
  ({ svc, identity, lines } = await startLoggedFixtureService('logged'));
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
