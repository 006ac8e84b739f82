import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_MESSAGE, ERROR_CODE_META_KEY } from '../src/index.ts';
import { startTestService, type TestService } from '../src/testing/index.ts';
import { whoAmITool } from './support/fixture-tools.ts';

const started: { service: TestService; client: Client }[] = [];
afterEach(async () => {
  for (const { service, client } of started.splice(0)) {
    await client.close();
    await service.stop();
  }
});

/** What an anonymous caller of a customer-only tool reads, from a service started with `signInMessage`. */
async function anonymousAnswer(signInMessage?: string) {
  const service = await startTestService({
    name: 'fixture',
    version: '1.0.0',
    tools: [whoAmITool],
    ...(signInMessage ? { signInMessage } : {}),
  });
  const client = new Client({ name: 'kit-test', version: '1.0.0' });
  started.push({ service, client });
  await client.connect(new StreamableHTTPClientTransport(new URL(service.url)));
  return client.callTool({ name: 'who_am_i', arguments: {} });
}

// The kit serves any shop's data: what an anonymous caller is told about that data is the server's to word.
describe('the sign-in message', () => {
  it('is neutral by default: it asks for a sign-in and names no data of any shop', async () => {
    const result = await anonymousAnswer();
    expect(result._meta?.[ERROR_CODE_META_KEY]).toBe('sign_in_required');
    expect(result.content).toEqual([{ type: 'text', text: DEFAULT_SIGN_IN_MESSAGE }]);
    expect(DEFAULT_SIGN_IN_MESSAGE).toMatch(/sign in/i);
    expect(DEFAULT_SIGN_IN_MESSAGE).not.toMatch(/order|product|article|shop/i);
  });

  it("is the owning server's wording when it supplies one", async () => {
    const worded = 'Please sign in to see your bookings. Never guess a booking reference.';
    const result = await anonymousAnswer(worded);
    expect(result._meta?.[ERROR_CODE_META_KEY]).toBe('sign_in_required');
    expect(result.content).toEqual([{ type: 'text', text: worded }]);
  });
});
