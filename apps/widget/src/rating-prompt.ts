import { h } from '@shopchat/chat-views';
import { STRINGS } from './strings.ts';

/**
 * The "how did we do?" card: a 1–5 choice (radio buttons in a fieldset, so arrow keys move between
 * them), an optional comment, Send and No thanks. `onSend` posts it; the card then thanks the customer.
 */
export function ratingPrompt(options: {
  onSend: (rating: number, comment: string) => Promise<void>;
  onDismiss: () => void;
}): HTMLElement {
  const choices = [1, 2, 3, 4, 5].map((n) =>
    h(
      'label',
      { class: 'star' },
      h('input', { type: 'radio', name: 'rating', value: String(n) }),
      h('span', {}, STRINGS.ratingChoice(n)),
    ),
  );
  const comment = h('textarea', { rows: '2', maxlength: '2000', 'aria-label': STRINGS.ratingComment });
  const send = h('button', { class: 'primary', type: 'submit' }, STRINGS.ratingSend);
  const dismiss = h('button', { type: 'button' }, STRINGS.ratingDismiss);
  const form = h(
    'form',
    { class: 'rating-form' },
    h('fieldset', {}, h('legend', {}, STRINGS.ratingQuestion), h('div', { class: 'stars' }, ...choices)),
    comment,
    h('div', { class: 'actions' }, send, dismiss),
  );
  const card = h('section', { class: 'rate', 'aria-label': STRINGS.ratingTitle }, form);
  dismiss.addEventListener('click', options.onDismiss);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>('input[name=rating]:checked');
    if (!chosen) {
      form.querySelector<HTMLInputElement>('input[name=rating]')?.focus();
      return;
    }
    send.disabled = true;
    await options.onSend(Number(chosen.value), comment.value.trim());
    card.replaceChildren(h('p', { role: 'status' }, STRINGS.ratingThanks));
  });
  return card;
}
