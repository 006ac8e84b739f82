import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_DEFAULTS } from '../src/index.ts';
import { startTestService, type TestService } from '../src/testing/index.ts';
import { fixtureTools } from './support/fixture-tools.ts';
import { callToolMessage, postMcp } from './support/raw-mcp.ts';

// Request bodies as clients send them (plain, chunked, compressed, with a byte order mark, empty, too large,
// not JSON): each gets the answer express.json() and the kit's error handler give.
let svc: TestService;

beforeAll(async () => {
  svc = await startTestService({ name: 'bodies', version: '1.0.0', tools: fixtureTools });
});
afterAll(() => svc?.stop());

const echo = (text: string) => JSON.stringify(callToolMessage('echo', { text }));

async function post(body: string | Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const response = await fetch(svc.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function chunked(...parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
}

describe('request bodies', () => {
  it('are read whether sized or chunked, with a byte order mark or a charset', async () => {
    const body = echo('héllo');
    for (const answer of [
      await post(body),
      await post(chunked(body.slice(0, 20), body.slice(20))),
      await post(`\uFEFF${body}`),
      await post(body, { 'content-type': 'application/json; charset=utf-8' }),
      await post(gzipSync(body), { 'content-encoding': 'gzip' }),
    ]) {
      expect(answer).toMatchObject({ status: 200, json: { result: { structuredContent: { text: 'héllo' } } } });
    }
  });

  it('answer malformed JSON with a parse error, and an empty body as no JSON-RPC message', async () => {
    expect(await post('{"jsonrpc": "2.0",')).toMatchObject({ status: 400, json: { error: { code: -32700 } } });
    expect(await post(chunked('{"jsonrpc":', ' nope}'))).toMatchObject({
      status: 400,
      json: { error: { code: -32700 } },
    });
    expect(await post('')).toMatchObject({ status: 400, json: { error: { code: -32600 } } });
  });

  it('over the limit are refused with 413, sized or chunked', async () => {
    const big = echo('x'.repeat(SERVICE_DEFAULTS.bodyLimitBytes));
    for (const answer of [await post(big), await post(chunked(big.slice(0, 1000), big.slice(1000)))]) {
      expect(answer).toMatchObject({
        status: 413,
        json: { error: { message: expect.stringMatching(/Payload Too Large/) } },
      });
    }
  });

  it('in another charset are refused with 415', async () => {
    const answer = await postMcp(svc.url, echo('hi'), { 'content-type': 'application/json; charset=latin1' });
    expect(answer.status).toBe(415);
  });
});
