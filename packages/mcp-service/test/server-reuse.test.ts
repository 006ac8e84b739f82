import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_TOKEN_META_KEY, ERROR_CODE_META_KEY } from '../src/index.ts';
import type { TestIdentity, TestService } from '../src/testing/index.ts';
import { startLoggedFixtureService } from './support/logged-fixture-service.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

// The kit lends pooled SDK servers to requests (src/server-pool.ts): nothing of one request may reach another.
let svc: TestService;
let identity: TestIdentity;
let lines: Record<string, unknown>[];

beforeAll(async () => {
  ({ svc, identity, lines } = await startLoggedFixtureService('pooled'));
});
afterAll(() => svc?.stop());

type CallAnswer = { result?: { structuredContent?: unknown; _meta?: Record<string, unknown> } };

async function whoAmI(customer: string | undefined, requestId: string) {
  const meta = customer ? { [CUSTOMER_TOKEN_META_KEY]: await identity.signer.sign(customer, 'pooled') } : undefined;
  const answer = await postMcp(svc.url, callToolMessage('who_am_i', {}, meta), { 'x-request-id': requestId });
  return (answer.json as CallAnswer).result;
}

describe('servers reused across requests', () => {
  it('answer every concurrent call for its own caller, and log it under its own request id', async () => {
    const callers = Array.from({ length: 24 }, (_, i) => (i % 3 === 2 ? undefined : `cust_${i}`));
    const results = await Promise.all(callers.map((customer, i) => whoAmI(customer, `req-reuse-${i}`)));
    results.forEach((result, i) => {
      const customer = callers[i];
      if (customer) expect(result?.structuredContent).toEqual({ customerId: customer });
      else expect(result?._meta?.[ERROR_CODE_META_KEY]).toBe('sign_in_required');
      const line = lines.find((l) => l.msg === 'tool call' && l.requestId === `req-reuse-${i}`);
      expect(line).toMatchObject({ who: customer ?? 'anonymous' });
    });
  });

  it('do not carry a signed-in caller over to the anonymous call after it', async () => {
    expect((await whoAmI('cust_first', 'req-seq-1'))?.structuredContent).toEqual({ customerId: 'cust_first' });
    expect((await whoAmI(undefined, 'req-seq-2'))?._meta?.[ERROR_CODE_META_KEY]).toBe('sign_in_required');
  });

  it('answer a call after an initialize that named an older revision as before it', async () => {
    const initialize = await postMcp(svc.url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-03-26',
        capabilities: { sampling: {} },
        clientInfo: { name: 'old', version: '1' },
      },
    });
    expect(initialize.json).toMatchObject({ result: { protocolVersion: '2025-03-26' } });
    const after = await postMcp(svc.url, callToolMessage('echo', { text: 'again' }));
    expect(after.json).toMatchObject({ result: { structuredContent: { text: 'again' } } });
  });
});
