import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_TOKEN_META_KEY, createLogger, ERROR_CODE_META_KEY } from '../src/index.ts';
import { createTestIdentity, startTestService, type TestIdentity, type TestService } from '../src/testing/index.ts';
import { fixtureTools } from './support/fixture-tools.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

// The kit lends pooled SDK servers to requests (src/server-pool.ts): nothing of one request may reach another.
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
    name: 'pooled',
    version: '1.0.0',
    tools: fixtureTools,
    logger: createLogger({ service: 'pooled', level: 'info', destination: sink }),
    settings: { identityPublicKey: identity.publicKey },
  });
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
