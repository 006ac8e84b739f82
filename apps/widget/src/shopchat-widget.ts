import { h, renderMarkdown, renderToolResult, toolNameOf, type UIMessage, type UIPart } from '@shopchat/chat-views';
import { ChatClient, ChatClientError } from './chat-client.ts';
import { conversationId, identityKey, newId, ratingAsked, rememberRatingAsked } from './conversation-memory.ts';
import { QuietTimer } from './quiet-timer.ts';
import { ratingPrompt } from './rating-prompt.ts';
import { STRINGS } from './strings.ts';
import { WIDGET_CSS } from './widget-styles.ts';

/** Supplies the shop's customer token (or null for an anonymous visitor); may be async. */
export type TokenProvider = () => Promise<string | null> | string | null;

/** Default quiet period after an answer before the widget asks for a rating (`rating-after-ms`). */
export const RATING_AFTER_MS = 120_000;

const FOCUSABLE = 'button:not([disabled]),a[href],textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

/**
 * `<shopchat-widget api="https://host" customer-token="…">`: the launcher and the chat panel, in Shadow DOM.
 * A token can also come from `tokenProvider` (a callback the shop sets); without either the visitor is
 * anonymous. Changing the identity switches to that identity's conversation.
 */
export class ShopChatWidget extends HTMLElement {
  static observedAttributes = ['customer-token', 'api'];
  tokenProvider: TokenProvider | undefined;

  readonly #root = this.attachShadow({ mode: 'open' });
  #messages: UIMessage[] = [];
  #views = new Map<UIMessage, HTMLElement>();
  #id = '';
  #identity = '';
  #busy = false;
  /** Approval answers given while the asking turn was still streaming: sent as soon as it ends. */
  #approvalToSend: UIMessage | undefined;
  /** The answer being streamed: marked `aria-busy` so screen readers announce it once, complete. */
  #streaming: UIMessage | undefined;
  #failed: string | undefined;
  #generation = 0;
  #client = new ChatClient({ api: '', token: () => this.#token() });
  /** Tool name → its icon's checked `src` (`GET /api/tools`); a tool without one shows none. */
  #icons = new Map<string, string>();
  /** The conversation has an answer: closing the chat or a quiet period then asks for a rating, once. */
  #answered = false;
  #quiet: QuietTimer | undefined;

  readonly #launcher = h(
    'button',
    {
      class: 'launcher',
      type: 'button',
      'aria-label': STRINGS.launcher,
      'aria-expanded': 'false',
      'aria-controls': 'panel',
    },
    '💬',
  );
  readonly #log = h('div', {
    class: 'log',
    role: 'log',
    'aria-live': 'polite',
    'aria-label': STRINGS.conversation,
    tabindex: '0',
  });
  readonly #status = h('div', { class: 'status', role: 'status', hidden: '' });
  readonly #input = h('textarea', {
    id: 'message',
    rows: '1',
    'aria-label': STRINGS.messageLabel,
    placeholder: STRINGS.placeholder,
    maxlength: '4000',
  });
  readonly #send = h('button', { class: 'primary', type: 'submit' }, STRINGS.send);
  readonly #close = h('button', { type: 'button', 'aria-label': STRINGS.close }, '✕');
  readonly #panel = h(
    'div',
    { id: 'panel', class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'title', hidden: '' },
    h(
      'header',
      {},
      h('div', { style: 'flex:1' }, h('h2', { id: 'title' }, STRINGS.title), h('p', {}, STRINGS.subtitle)),
      this.#close,
    ),
    this.#status,
    this.#log,
    h('form', {}, this.#input, this.#send),
  );

  constructor() {
    super();
    this.#root.append(h('style', {}, WIDGET_CSS), h('div', { class: 'root' }, this.#launcher, this.#panel));
    this.#launcher.addEventListener('click', () => this.open());
    // The Close button asks for a rating first (once, after an answer); Escape and `ShopChat.close()` just close.
    this.#close.addEventListener('click', () => {
      if (!this.#askRating(true)) this.close();
    });
    this.#panel.addEventListener('keydown', (event) => this.#onKey(event));
    this.#panel.querySelector('form')?.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send(this.#input.value);
    });
    this.#input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.send(this.#input.value);
      }
    });
  }

  connectedCallback(): void {
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    if (!navigator.onLine) this.#onOffline();
    void this.#load();
  }

  disconnectedCallback(): void {
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
  }

  attributeChangedCallback(): void {
    if (this.isConnected) void this.#load();
  }

  /** Sets the customer token (null = anonymous) and switches to that identity's conversation. */
  setCustomerToken(token: string | null): void {
    if (token) this.setAttribute('customer-token', token);
    else this.removeAttribute('customer-token');
  }

  open(): void {
    this.#panel.hidden = false;
    this.#launcher.hidden = true;
    this.#launcher.setAttribute('aria-expanded', 'true');
    this.#input.focus();
    this.#scroll();
  }

  close(): void {
    this.#panel.hidden = true;
    this.#launcher.hidden = false;
    this.#launcher.setAttribute('aria-expanded', 'false');
    this.#launcher.focus();
  }

  async #token(): Promise<string | null> {
    return this.getAttribute('customer-token') || ((await this.tokenProvider?.()) ?? null);
  }

  /** Loads the identity's conversation: stored history, then any answer still streaming. */
  async #load(): Promise<void> {
    const generation = ++this.#generation;
    this.#client = new ChatClient({
      api: (this.getAttribute('api') ?? '').replace(/\/$/, ''),
      token: () => this.#token(),
    });
    void this.#client.toolIcons(location.origin).then((icons) => {
      if (generation !== this.#generation) return;
      this.#icons = icons;
      for (const message of this.#messages) this.#render(message);
    });
    this.#identity = identityKey(await this.#token());
    this.#id = conversationId(this.#identity);
    this.#answered = false;
    this.#quiet?.stop();
    const quietMs = Number(this.getAttribute('rating-after-ms') ?? RATING_AFTER_MS);
    this.#quiet = new QuietTimer(Number.isFinite(quietMs) ? quietMs : RATING_AFTER_MS, () => this.#askRating(false));
    this.#messages = [];
    this.#views.clear();
    this.#log.replaceChildren(h('p', { class: 'note' }, STRINGS.empty));
    try {
      const history = await this.#client.history(this.#id);
      if (generation !== this.#generation) return;
      this.#messages = history;
      this.#answered = history.some((m) => m.role === 'assistant');
      for (const message of history) this.#render(message);
      await this.#resume(generation);
    } catch (error) {
      if (generation === this.#generation) this.#showError(error);
    }
  }

  async #resume(generation: number): Promise<void> {
    const base: UIMessage = { id: newId('msg'), role: 'assistant', parts: [] };
    let added = false;
    this.#busy = true;
    try {
      await this.#client.resume(this.#id, base, (message) => {
        if (generation !== this.#generation) return;
        if (!added) {
          // A resumed stream replays the whole message: it replaces the stored copy of it.
          const stale = this.#messages.findIndex((m) => m.id === message.id);
          if (stale >= 0) {
            const [old] = this.#messages.splice(stale, 1);
            if (old) this.#views.get(old)?.remove();
          }
          this.#messages.push(message);
          this.#streaming = message;
          added = true;
        }
        this.#render(message);
      });
    } finally {
      this.#busy = false;
      this.#streaming = undefined;
      if (added) this.#render(base);
    }
  }

  /** Sends the customer's message and streams the answer. */
  async send(text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed || this.#busy) return;
    this.#input.value = '';
    this.#quiet?.stop();
    const user: UIMessage = { id: newId('msg'), role: 'user', parts: [{ type: 'text', text: trimmed }] };
    this.#messages.push(user);
    this.#render(user);
    await this.#stream([user], { id: newId('msg'), role: 'assistant', parts: [] }, user);
  }

  /** Posts `outgoing` (its last message is what the server reads) and streams into `answer`. */
  async #stream(outgoing: UIMessage[], answer: UIMessage, retryOf?: UIMessage): Promise<void> {
    const generation = this.#generation;
    this.#busy = true;
    this.#send.disabled = true;
    this.#failed = undefined;
    this.#setStatus(undefined);
    if (!this.#messages.includes(answer)) this.#messages.push(answer);
    this.#streaming = answer;
    this.#render(answer);
    try {
      await this.#client.send(this.#id, outgoing, answer, (message) => {
        if (generation === this.#generation) this.#render(message);
      });
    } catch (error) {
      if (generation !== this.#generation) return;
      if (answer.parts.length === 0) {
        this.#messages.splice(this.#messages.indexOf(answer), 1);
        this.#views.get(answer)?.remove();
      }
      this.#showError(error, retryOf);
    } finally {
      this.#busy = false;
      this.#streaming = undefined;
      this.#send.disabled = false;
      if (generation === this.#generation) this.#render(answer);
    }
    if (generation === this.#generation && answer.parts.some((p) => p.type === 'text' && p.text)) {
      this.#answered = true;
      this.#quiet?.restart();
    }
    const waiting = this.#approvalToSend;
    this.#approvalToSend = undefined;
    if (waiting && generation === this.#generation) this.#sendApprovals(waiting);
  }

  /** Shows the rating card when the conversation has an answer and was never rated here; true if shown. */
  #askRating(closing: boolean): boolean {
    if (!this.#answered || this.#busy || ratingAsked(this.#id)) return false;
    rememberRatingAsked(this.#id);
    this.#quiet?.stop();
    const id = this.#id;
    const card = ratingPrompt({
      onSend: (rating, comment) => this.#client.rate(id, rating, comment).catch(() => undefined),
      onDismiss: () => {
        card.remove();
        if (closing) this.close();
      },
    });
    this.#log.append(card);
    this.#scroll();
    if (!this.#panel.hidden) card.querySelector('input')?.focus();
    return true;
  }

  #showError(error: unknown, retryOf?: UIMessage): void {
    const code = error instanceof ChatClientError ? error.code : 'server';
    const text = {
      network: STRINGS.errors.network,
      rate_limited: STRINGS.errors.rateLimited,
      busy: STRINGS.errors.busy,
      unauthorized: STRINGS.errors.signIn,
      too_long: STRINGS.errors.tooLong,
      server: STRINGS.errors.server,
    }[code];
    if (retryOf) {
      this.#failed = retryOf.id;
      this.#render(retryOf);
    }
    this.#setStatus(text, true);
  }

  #setStatus(text: string | undefined, error = false): void {
    this.#status.hidden = !text;
    this.#status.textContent = text ?? '';
    this.#status.className = error ? 'status error' : 'status';
  }

  #onOnline = () => {
    this.#setStatus(STRINGS.reconnecting);
    void this.#resume(this.#generation).then(
      () => this.#setStatus(undefined),
      (error) => this.#showError(error),
    );
  };

  #onOffline = () => this.#setStatus(STRINGS.offline, true);

  #answerApproval(message: UIMessage, part: UIPart, approved: boolean): void {
    if (!part.approval || part.state !== 'approval-requested') return;
    part.state = 'approval-responded';
    part.approval = { id: part.approval.id, approved };
    this.#render(message);
    // As the AI SDK's `lastAssistantMessageIsCompleteWithApprovalResponses`: send once every card is answered,
    // and only after the turn that asked has finished (the server runs one turn per conversation at a time).
    if (message.parts.some((p) => p.state === 'approval-requested')) return;
    if (this.#busy) {
      this.#approvalToSend = message;
      return;
    }
    this.#sendApprovals(message);
  }

  #sendApprovals(message: UIMessage): void {
    const parts = message.parts.map((p) => {
      if (p.state !== 'approval-responded') return p;
      const { approvalReason: _omit, ...clean } = p;
      return clean;
    });
    void this.#stream([{ ...message, parts }], message);
  }

  #render(message: UIMessage): void {
    let view = this.#views.get(message);
    if (!view) {
      view = h('div', { class: `msg ${message.role}` });
      this.#views.set(message, view);
      this.#log.querySelector('.note')?.remove();
      this.#log.append(view);
    }
    const who = h('span', { class: 'sr' }, `${message.role === 'user' ? STRINGS.you : STRINGS.assistant}: `);
    const body: Node[] = [who];
    for (const part of message.parts) {
      if (part.type === 'text' && part.text) {
        body.push(message.role === 'user' ? h('p', {}, part.text) : renderMarkdown(part.text));
      } else if (toolNameOf(part)) {
        const node = this.#renderTool(message, part);
        if (node) body.push(node);
      }
    }
    if (message.role === 'assistant' && message.parts.every((p) => p.type === 'step-start') && this.#busy) {
      body.push(h('p', { class: 'tool' }, STRINGS.thinking));
    }
    if (this.#failed === message.id) {
      const retry = h('button', { type: 'button' }, STRINGS.retry);
      retry.addEventListener('click', () => {
        this.#failed = undefined;
        this.#render(message);
        void this.#stream([message], { id: newId('msg'), role: 'assistant', parts: [] }, message);
      });
      body.push(h('p', { class: 'failed' }, STRINGS.sendFailed, ' ', retry));
    }
    // Keep focus on an approval button being re-rendered only when the card is unchanged.
    const focused = this.#root.activeElement;
    view.setAttribute('aria-busy', String(this.#streaming === message));
    view.replaceChildren(...body);
    if (focused && !focused.isConnected) this.#input.focus();
    this.#scroll();
  }

  #renderTool(message: UIMessage, part: UIPart): Node | null {
    const tool = toolNameOf(part) ?? '';
    const name = tool.replace(/_/g, ' ');
    const src = this.#icons.get(tool);
    // Decorative: the words beside it name the tool.
    const icon = src ? h('img', { class: 'tool-icon', src, alt: '', width: '16', height: '16' }) : null;
    switch (part.state) {
      case 'input-streaming':
      case 'input-available':
        return h('p', { class: 'tool' }, icon, STRINGS.toolRunning(name));
      case 'output-error':
        return h('p', { class: 'tool' }, STRINGS.toolFailed(name));
      case 'output-available':
        return renderToolResult(part.output);
      case 'approval-requested':
      case 'approval-responded':
      case 'output-denied': {
        const args = Object.entries((part.input ?? {}) as Record<string, unknown>)
          .map(([k, v]) => `${k.replace(/_/g, ' ')} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
          .join(', ');
        const what = part.approvalReason ?? STRINGS.approvalFallback(name[0]?.toUpperCase() + name.slice(1), args);
        const card = h(
          'section',
          { class: 'approval', 'aria-label': STRINGS.approvalTitle },
          h('h3', {}, icon, STRINGS.approvalTitle),
          h('p', {}, what),
        );
        if (part.state === 'approval-requested') {
          const confirm = h('button', { class: 'primary', type: 'button' }, STRINGS.confirm);
          const keep = h('button', { type: 'button' }, STRINGS.keep);
          confirm.addEventListener('click', () => this.#answerApproval(message, part, true));
          keep.addEventListener('click', () => this.#answerApproval(message, part, false));
          card.append(h('div', { class: 'actions' }, confirm, keep));
        } else {
          card.append(h('p', { role: 'status' }, part.approval?.approved ? STRINGS.approved : STRINGS.denied));
        }
        return card;
      }
      default:
        return null;
    }
  }

  #scroll(): void {
    this.#log.scrollTop = this.#log.scrollHeight;
  }

  #onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = [...this.#panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.getClientRects().length > 0,
    );
    const first = items[0];
    const last = items[items.length - 1];
    const active = this.#root.activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  }
}
