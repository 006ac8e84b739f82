import { h } from '@shopchat/chat-views';
import { STRINGS } from './strings.ts';

/** How long "Dana is typing…" stays without a new typing signal: the console sends one every few seconds while typing. */
export const TYPING_SHOWN_MS = 5_000;

/**
 * "<Name> is typing…" under the conversation while a person types: a polite status (announced once, not on
 * every signal), hidden `TYPING_SHOWN_MS` after the last signal, or at once when their message arrives.
 */
export class TypingIndicator {
  readonly element = h('p', { class: 'typing', role: 'status', 'data-typing': '', hidden: '' });
  #timer: ReturnType<typeof setTimeout> | undefined;

  show(name: string): void {
    const text = STRINGS.typing(name);
    if (this.element.textContent !== text) this.element.textContent = text;
    this.element.hidden = false;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.hide(), TYPING_SHOWN_MS);
  }

  hide(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.element.hidden = true;
    this.element.textContent = '';
  }
}
