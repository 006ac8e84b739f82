import { randomUUID } from 'node:crypto';
import { type RunningModelSim, startModelSim } from '@shopchat/model-sim';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintStaffToken } from '../../src/console/mint-staff-token.ts';
import type { RunningHost } from '../../src/start-host.ts';
import { postChat, readTurn } from '../scale-out/support/raw-turn-stream.ts';
import { hostsWithoutShopTools } from './support/start-host-without-shop-tools.ts';

const CONSOLE_SECRET = 'console-secret-upset-customer-0123456789abcdef';
const COMPLAINT = 'This is the third time I ask, nothing works!';

/**
 * Scenario 16 through an all-in-one host with model-sim: the orders server is down, Alice's question fails,
 * she complains; the bot apologises and offers a person without calling a tool again, and hands over with
 * the reason `customer_upset` once she agrees.
 */
describe('scenario 16: an upset customer is offered a person', () => {
  let sim: RunningModelSim;
  let host: RunningHost;
  let alice: string;
  let dana: string;

  beforeAll(async () => {
    sim = await startModelSim({ port: 0, logger: pino({ level: 'silent' }) });
    // The orders server is down (nobody listens there), as in the complaint.
    const hosts = await hostsWithoutShopTools(sim.url);
    host = await hosts.start({ CONSOLE_JWT_SECRET: CONSOLE_SECRET });
    alice = hosts.tokens.cust_alice;
    dana = await mintStaffToken({ secret: CONSOLE_SECRET, staff: { staffId: 'staff_dana', role: 'agent' } });
  }, 120_000);
  afterAll(async () => {
    await host?.stop();
    await sim?.stop();
  });

  const say = async (conversationId: string, text: string) =>
    readTurn(await postChat({ baseUrl: host.url, conversationId, token: alice, text }));
  const toolParts = (chunks: { type: string }[]) => chunks.filter((chunk) => chunk.type.startsWith('tool-input'));
  const handoffOf = async (id: string) => {
    const response = await fetch(`${host.url}/api/console/handoffs/${id}`, {
      headers: { authorization: `Bearer ${dana}` },
    });
    return response.status === 200
      ? ((await response.json()) as { handoff: { state: string; reason: string; summary: string } }).handoff
      : undefined;
  };

  it('apologises and offers a person without a tool call, then hands over when she agrees', async () => {
    const id = `conv-${randomUUID()}`;
    await say(id, 'Where is my order A-1042?');

    const complaint = await say(id, COMPLAINT);
    expect(complaint.finished).toBe(true);
    expect(complaint.text).toMatch(/sorry/i);
    expect(complaint.text).toMatch(/person/);
    expect(toolParts(complaint.chunks)).toEqual([]);
    expect(complaint.chunks).not.toContainEqual(expect.objectContaining({ type: 'data-handoff' }));
    expect(await handoffOf(id)).toBeUndefined();

    const agreed = await say(id, 'Yes please');
    expect(agreed.chunks).toContainEqual(expect.objectContaining({ type: 'data-handoff' }));
    expect(await handoffOf(id)).toMatchObject({
      state: 'waiting',
      reason: 'customer_upset',
      summary: expect.stringContaining(COMPLAINT),
    });
  }, 60_000);

  it('stays with the bot when she declines the offer', async () => {
    const id = `conv-${randomUUID()}`;
    await say(id, COMPLAINT);
    const declined = await say(id, 'No thanks');
    expect(declined.finished).toBe(true);
    expect(declined.chunks).not.toContainEqual(expect.objectContaining({ type: 'data-handoff' }));
    expect(await handoffOf(id)).toBeUndefined();
  }, 60_000);
});
