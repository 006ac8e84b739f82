import { describe, expect, it } from 'vitest';
import { type HandoffNotice, handoffLine, readHandoffNotice } from '../src/handoff-notice.ts';

const waiting: HandoffNotice = { state: 'waiting', agentsAvailable: true };
const withDana: HandoffNotice = { state: 'with_agent', agent: { name: 'Dana' }, agentsAvailable: true };
const bot: HandoffNotice = { state: 'bot', agentsAvailable: true };

describe('reading a data-handoff part', () => {
  it('takes the state, the first name and availability, and nothing else', () => {
    expect(
      readHandoffNotice({ state: 'with_agent', agent: { name: ' Dana ', staffId: 'x' }, agentsAvailable: true }),
    ).toEqual(withDana);
    expect(readHandoffNotice({ state: 'waiting', agentsAvailable: false })).toEqual({
      state: 'waiting',
      agentsAvailable: false,
    });
  });

  it('refuses what is not a notice', () => {
    expect(readHandoffNotice(undefined)).toBeUndefined();
    expect(readHandoffNotice({ state: 'gone' })).toBeUndefined();
    expect(readHandoffNotice('waiting')).toBeUndefined();
  });
});

describe('the line a hand-off change shows', () => {
  it('walks a whole hand-off: waiting, a person joins, leaves, the assistant is back', () => {
    expect(handoffLine(bot, waiting)).toEqual({ event: 'waiting', text: 'Someone from our team will join shortly.' });
    expect(handoffLine(waiting, withDana)).toEqual({
      event: 'joined',
      text: 'Dana from our team has joined the chat.',
    });
    expect(handoffLine(withDana, bot)).toEqual({
      event: 'left',
      text: 'Dana has left the chat; the assistant is back.',
    });
  });

  it('says the shop answers by email when nobody is on duty', () => {
    expect(handoffLine(undefined, { state: 'waiting', agentsAvailable: false })?.event).toBe('by-email');
  });

  it('says when the chat was closed', () => {
    expect(handoffLine(withDana, { state: 'closed', agentsAvailable: true })).toEqual({
      event: 'closed',
      text: 'This chat was closed by our team.',
    });
  });

  it('shows nothing for a repeated state (a reconnect) or the bot answering as always', () => {
    expect(handoffLine(waiting, { ...waiting })).toBeUndefined();
    expect(handoffLine(withDana, { ...withDana, agent: { name: 'Dana' } })).toBeUndefined();
    expect(handoffLine(undefined, bot)).toBeUndefined();
    expect(handoffLine(bot, bot)).toBeUndefined();
  });
});
