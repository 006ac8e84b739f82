import { generateIdentityKeyPair } from '@shopchat/mcp-service';
import type { UIMessage } from 'ai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningHost, startHost } from '../../src/start-host.ts';
import { TEST_SECRET, tokenFor } from '../chat/support/chat-test-server.ts';
import { TestChat } from '../chat/support/test-chat.ts';
import { type CompromisedModel, startCompromisedModel } from '../injection/support/start-compromised-model.ts';
import { startThirdPartyServer, type ThirdPartyServer } from './support/start-third-party-server.ts';

const QUESTION = 'Please clear my birthday wishlist';
const ARGS = { wishlist: 'birthday', keep_shared: false };

/**
 * Attack (or accident): discovery admits an MCP server that is not ours. To word the approval card, the host used
 * to call the destructive tool with a private "preview" flag in `_meta`, which our kit honours and nobody else
 * knows: a third-party server would perform the action before the customer approves. Here a server written with
 * the plain SDK records every call of its destructive tool; a model at the wire asks for it; the real host's chat
 * flow must call it zero times before Confirm and exactly once after, and the card must show the tool's title,
 * description and the exact arguments.
 */
describe('the approval card of a tool whose server cannot preview', () => {
  let server: ThirdPartyServer;
  let model: CompromisedModel;
  let host: RunningHost;

  beforeAll(async () => {
    server = await startThirdPartyServer();
    model = await startCompromisedModel([
      {
        question: QUESTION,
        read: { tool: 'wipe_wishlist', input: ARGS },
        marker: 'never-present',
        demands: { tool: 'wipe_wishlist', input: ARGS },
      },
    ]);
    host = await startHost({
      PORT: '0',
      LOG_LEVEL: 'silent',
      MCP_SERVERS: `wishlists=${server.url}`,
      MCP_IDENTITY_PRIVATE_KEY: (await generateIdentityKeyPair()).privateKey,
      CUSTOMER_JWT_SECRET: TEST_SECRET,
      ANTHROPIC_BASE_URL: model.url,
      REDIS_URL: '',
    });
    await host.catalogue.ready();
  });
  afterAll(async () => {
    await host?.stop();
    await model?.stop();
    await server?.stop();
  });

  it('calls the destructive tool zero times before Confirm and once after', async () => {
    const chat = new TestChat({ baseUrl: host.url, id: `c${Date.now()}`, token: await tokenFor('cust_alice') });
    await chat.sendMessage({ text: QUESTION });
    const card = toolPart(chat);
    expect(card?.state).toBe('approval-requested');
    expect(server.calls).toEqual([]);
    // The card says what the server's own tool says, and every argument exactly as it will be sent.
    expect(card?.approval?.requestReason).toBe(
      'Wipe a wishlist (wishlist: birthday, keep shared: false). Deletes every item of the named wishlist, for good.',
    );

    await chat.addToolApprovalResponse({ id: String(card?.approval?.id), approved: true });
    await vi.waitFor(() => expect(toolPart(chat)?.state).toBe('output-available'), { timeout: 20_000 });
    expect(server.calls).toEqual([ARGS]);
  });
});

type ToolPart = { type: string; state?: string; approval?: { id: string; requestReason?: string } };

function toolPart(chat: TestChat): ToolPart | undefined {
  return (chat.messages as UIMessage[])
    .flatMap((message) => message.parts as ToolPart[])
    .find((part) => part.type === 'tool-wipe_wishlist');
}
