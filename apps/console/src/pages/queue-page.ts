import { h } from '@shopchat/chat-views';
import { formatInstant } from '../format.ts';
import { type Handoff, handoffApi, type LiveMessage, type QueueEvent } from '../handoff-api.ts';
import type { Page } from '../router.ts';

/** How often, at most, typing in the reply box tells the customer the agent is typing. */
const TYPING_EVERY_MS = 2_000;

/**
 * The live queue of conversations handed to people: waiting ones first, the transcript and the bot's
 * summary of the one selected, and claim, reply, return to the bot and close. It follows the queue over
 * SSE, so it updates without a reload.
 */
export const queuePage: Page = {
  path: '/queue',
  title: 'Queue',
  nav: 'Queue',
  render({ signal }) {
    const open = new Map<string, Handoff>();
    let selected: string | undefined;
    const list = h('ul', { class: 'queue', 'aria-live': 'polite', 'aria-label': 'Conversations waiting for a person' });
    const detail = h('section', { class: 'handoff', 'aria-label': 'Selected conversation' });

    const renderList = () => {
      const items = [...open.values()].sort((a, b) => a.waitingSince - b.waitingSince);
      // A live update must not take the keyboard's place in the list away: the focused item gets it back.
      const focused = list.contains(document.activeElement)
        ? (document.activeElement as HTMLElement).dataset.id
        : undefined;
      list.replaceChildren(
        ...(items.length === 0
          ? [h('li', { class: 'empty' }, 'Nobody is waiting for a person.')]
          : items.map((handoff) => {
              const button = h(
                'button',
                { type: 'button', class: `queue-item state-${handoff.state}`, 'data-id': handoff.conversationId },
                `${handoff.customerId ?? 'Anonymous visitor'} — ${handoff.state === 'waiting' ? 'waiting' : `with ${handoff.agent?.name ?? 'an agent'}`} since ${formatInstant(new Date(handoff.waitingSince).toISOString())}`,
              );
              button.addEventListener('click', () => void select(handoff.conversationId));
              return h('li', {}, button);
            })),
      );
      if (focused) list.querySelector<HTMLElement>(`[data-id="${CSS.escape(focused)}"]`)?.focus();
    };

    const transcript = h('ol', { class: 'transcript' });
    const showMessage = (message: LiveMessage) => {
      const author = message.role === 'user' ? 'Customer' : (message.metadata?.author?.name ?? 'Assistant');
      const text = message.parts.map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join('');
      if (text) transcript.append(h('li', { class: `message ${message.role}` }, h('b', {}, `${author}: `), text));
    };

    /** Shows conversation `id`; `focus`: after an action, the keyboard goes on to the reply box (or the heading). */
    const select = async (id: string, focus = false) => {
      selected = id;
      const { handoff, messages } = await handoffApi.detail(id);
      transcript.replaceChildren();
      for (const message of messages) showMessage(message);
      const status = h('p', { class: 'status-line', role: 'status' });
      const act = (label: string, run: () => Promise<unknown>) => {
        const button = h('button', { type: 'button' }, label);
        button.addEventListener('click', async () => {
          status.textContent = '';
          try {
            await run();
            await select(id, true);
          } catch (error) {
            status.textContent = error instanceof Error ? error.message : String(error);
          }
        });
        return button;
      };
      const reply = h('textarea', { id: 'reply', rows: '3', maxlength: '4000', 'aria-label': 'Reply to the customer' });
      let lastTyping = 0;
      reply.addEventListener('input', () => {
        if (Date.now() - lastTyping < TYPING_EVERY_MS) return;
        lastTyping = Date.now();
        void handoffApi.typing(id).catch(() => {});
      });
      const form = h('form', { class: 'reply' }, reply, h('button', { type: 'submit', class: 'primary' }, 'Send'));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          const { message } = await handoffApi.reply(id, reply.value);
          reply.value = '';
          showMessage(message);
        } catch (error) {
          status.textContent = error instanceof Error ? error.message : String(error);
        }
      });
      detail.replaceChildren(
        h('h2', { tabindex: '-1' }, handoff.customerId ?? 'Anonymous visitor'),
        h('p', { class: 'summary' }, h('b', {}, 'Summary from the assistant: '), handoff.summary),
        h('p', {}, `Reason: ${handoff.reason.replaceAll('_', ' ')}`),
        transcript,
        ...(handoff.state === 'waiting'
          ? [act('Claim', () => handoffApi.claim(id)), act('Close ticket', () => handoffApi.release(id, 'closed'))]
          : handoff.state === 'with_agent'
            ? [
                form,
                act('Return to the assistant', () => handoffApi.release(id, 'bot')),
                act('Close', () => handoffApi.release(id, 'closed')),
              ]
            : [h('p', {}, 'This conversation is no longer handed over.')]),
        status,
      );
      if (focus) (detail.querySelector<HTMLElement>('#reply') ?? detail.querySelector<HTMLElement>('h2'))?.focus();
    };

    const onEvent = (event: QueueEvent) => {
      if (event.type === 'snapshot') {
        open.clear();
        for (const handoff of event.conversations) open.set(handoff.conversationId, handoff);
      } else if (event.type === 'handoff') {
        const { handoff } = event;
        if (handoff.state === 'waiting' || handoff.state === 'with_agent') open.set(handoff.conversationId, handoff);
        else open.delete(handoff.conversationId);
      } else if (event.type === 'message' && event.conversationId === selected) {
        showMessage(event.message);
      }
      renderList();
    };
    renderList();
    void handoffApi.follow(onEvent, signal);
    return h('section', {}, h('h1', { tabindex: '-1' }, 'Queue'), h('div', { class: 'queue-layout' }, list, detail));
  },
};
