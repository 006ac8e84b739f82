import {
  authorOf,
  h,
  renderMarkdown,
  renderToolResult,
  toolNameOf,
  type UIMessage,
  type UIMessageChunk,
  type UIPart,
} from '@shopchat/chat-views';
import { ChatClient, ChatClientError } from './chat-client.ts';
import { conversationId, identityKey, newId, ratingAsked, rememberRatingAsked } from './conversation-memory.ts';
import { type HandoffNotice, handoffLine, readHandoffNotice } from './handoff-notice.ts';
import { LiveSubscription } from './live-subscription.ts';
import { QuietTimer } from './quiet-timer.ts';
import { ratingPrompt } from './rating-prompt.ts';
import { STRINGS } from './strings.ts';
import { TypingIndicator } from './typing-indicator.ts';
import { WIDGET_CSS } from './widget-styles.ts';

/** Supplies the shop's customer token (or null for an anonymous visitor); may be async. */
export type TokenProvider = () => Promise<string | null> | string | null;

/** Default quiet period after an answer before the widget asks for a rating (`rating-after-ms`). */
export const RATING_AFTER_MS = 120_000;

const FOCUSABLE = 'button:not([disabled]),a[href],textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

/** Tries of an approval answer the server refused as busy (409: the turn that asked is still closing), 250 ms doubling. */
const APPROVAL_BUSY_TRIES = 4;
const APPROVAL_BUSY_RETRY_MS = 250;

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
  /** The conversation exists on the server (it has history, or a message was sent): its live events can be followed. */
  #started = false;
  /** The hand-off as last heard (undefined: not yet heard since the conversation was loaded). */
  #handoff: HandoffNotice | undefined;
  /** `GET /api/chat/:id/events` while the panel is open: a person's messages, hand-off state, typing. */
  #live = new LiveSubscription({ connect: () => Promise.resolve('gone') });
  readonly #typing = new TypingIndicator();

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
    this.#typing.element,
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
    this.#live.stop();
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
    if (this.#started) this.#live.start();
  }

  close(): void {
    this.#live.stop();
    this.#typing.hide();
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
    this.#live.stop();
    this.#typing.hide();
    this.#started = false;
    this.#handoff = undefined;
    this.#setHandoffState(undefined);
    const client = new ChatClient({
      api: (this.getAttribute('api') ?? '').replace(/\/$/, ''),
      token: () => this.#token(),
    });
    this.#client = client;
    this.#live = new LiveSubscription({
      connect: (signal, opened) =>
        client.events(
          this.#id,
          {
            onOpen: () => {
              opened();
              // Whatever was sent while no stream was open is in the history; the stream carries the rest.
              void this.#syncHistory(generation);
            },
            onMessage: (message) => {
              if (generation === this.#generation) this.#onPersonMessage(message);
            },
            onData: (chunk) => {
              if (generation === this.#generation) this.#onData(chunk);
            },
          },
          signal,
        ),
      isFinal: (error) => error instanceof ChatClientError && error.code === 'unauthorized',
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
      this.#started = history.length > 0;
      if (this.#started && !this.#panel.hidden) this.#live.start();
      await this.#resume(generation);
    } catch (error) {
      if (generation === this.#generation) this.#showError(error);
    }
  }

  /**
   * Follows a turn still running on the server (after a load, or when the connection is back). Never while this
   * page streams a turn itself: the two readers would build the same message twice.
   */
  async #resume(generation: number): Promise<void> {
    if (this.#busy) return;
    const base: UIMessage = { id: newId('msg'), role: 'assistant', parts: [] };
    let shown: UIMessage | undefined;
    this.#busy = true;
    try {
      // A resumed stream replays the whole message: it becomes the content of the copy already shown.
      const reader = this.#turnReader(generation, (message) => {
        shown = message;
      });
      await this.#client.resume(this.#id, base, reader.onUpdate, reader.onData);
    } finally {
      this.#busy = false;
      this.#streaming = undefined;
      if (shown && generation === this.#generation) this.#render(shown);
    }
    this.#sendWaitingApprovals(generation);
  }

  /**
   * The callbacks of a turn's stream (sent or resumed): each update shows the one message of its id (`onShown`
   * hears which), transient data parts go to the hand-off; nothing once the identity changed (`generation`).
   */
  #turnReader(generation: number, onShown: (message: UIMessage) => void) {
    return {
      onUpdate: (message: UIMessage) => {
        if (generation !== this.#generation) return;
        const shown = this.#upsert(message);
        this.#streaming = shown;
        this.#render(shown);
        onShown(shown);
      },
      onData: (chunk: UIMessageChunk) => {
        if (generation === this.#generation) this.#onData(chunk);
      },
    };
  }

  /**
   * The one message object shown for `incoming.id`: a message already shown under that id takes the incoming
   * content (its view is updated in place), else `incoming` is added. One id is never shown twice.
   */
  #upsert(incoming: UIMessage): UIMessage {
    const known = this.#messages.find((m) => m.id === incoming.id && m !== incoming);
    if (!known) {
      if (!this.#messages.includes(incoming)) this.#messages.push(incoming);
      return incoming;
    }
    known.parts = incoming.parts; // shared: later chunks applied to `incoming` show in `known`
    if (incoming.metadata) known.metadata = incoming.metadata;
    if (this.#messages.includes(incoming)) this.#forget(incoming);
    return known;
  }

  /** Adds the stored messages this page has not shown (a person's messages sent while no stream was open). */
  async #syncHistory(generation: number): Promise<void> {
    let history: UIMessage[];
    try {
      history = await this.#client.history(this.#id);
    } catch {
      return; // the live stream goes on; the next reconnect reads it again
    }
    if (generation !== this.#generation) return;
    for (const message of history) {
      if (this.#messages.some((m) => m.id === message.id)) continue;
      this.#messages.push(message);
      this.#render(message);
    }
  }

  /** A person's message from the live stream, while it arrives and when complete. */
  #onPersonMessage(message: UIMessage): void {
    this.#typing.hide();
    const shown = this.#upsert(message);
    this.#render(shown);
    if (shown.parts.some((p) => p.type === 'text' && p.text)) this.#answered = true;
  }

  /** Transient signals of any stream: the hand-off's state, and a person typing. */
  #onData(chunk: UIMessageChunk): void {
    if (chunk.type === 'data-typing') {
      const name = (chunk.data as { name?: unknown } | undefined)?.name;
      if (typeof name === 'string' && name.trim()) this.#typing.show(name.trim());
      return;
    }
    if (chunk.type !== 'data-handoff') return;
    const notice = readHandoffNotice(chunk.data);
    if (!notice) return;
    const line = handoffLine(this.#handoff, notice);
    this.#handoff = notice;
    this.#setHandoffState(notice.state);
    if (notice.state !== 'with_agent') this.#typing.hide();
    if (line) {
      this.#log.querySelector('.note')?.remove();
      this.#log.append(h('p', { class: 'handoff', 'data-handoff-event': line.event }, line.text));
      this.#scroll();
    }
    this.#started = true;
    if (!this.#panel.hidden) this.#live.start();
  }

  /** `data-handoff-state` on the element and its panel: styling hooks and what tests read. */
  #setHandoffState(state: string | undefined): void {
    for (const el of [this, this.#panel]) {
      if (state) el.setAttribute('data-handoff-state', state);
      else el.removeAttribute('data-handoff-state');
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
  async #stream(outgoing: UIMessage[], answer: UIMessage, retryOf?: UIMessage, busyTries = 1): Promise<void> {
    const generation = this.#generation;
    this.#busy = true;
    this.#send.disabled = true;
    this.#failed = undefined;
    this.#setStatus(undefined);
    if (!this.#messages.includes(answer)) this.#messages.push(answer);
    this.#streaming = answer;
    this.#render(answer);
    let shown = answer;
    let refusedAsBusy = false;
    try {
      const reader = this.#turnReader(generation, (message) => {
        shown = message;
      });
      await this.#client.send(this.#id, outgoing, answer, reader.onUpdate, reader.onData);
      this.#started = true;
    } catch (error) {
      if (generation !== this.#generation) return;
      refusedAsBusy = busyTries > 1 && error instanceof ChatClientError && error.code === 'busy';
      if (!refusedAsBusy) this.#showError(error, retryOf);
    } finally {
      this.#busy = false;
      this.#streaming = undefined;
      this.#send.disabled = false;
      // An answer with nothing to show (a message to people, while the conversation waits for them) leaves no bubble.
      if (generation === this.#generation && !shown.parts.some(isVisiblePart)) this.#forget(shown);
      else if (generation === this.#generation) this.#render(shown);
    }
    if (generation !== this.#generation) return;
    if (refusedAsBusy) {
      // The turn that asked for the approval is still closing on the server: answer again shortly.
      await new Promise((resolve) =>
        setTimeout(resolve, APPROVAL_BUSY_RETRY_MS * 2 ** (APPROVAL_BUSY_TRIES - busyTries)),
      );
      if (generation === this.#generation && !this.#busy) return this.#stream(outgoing, answer, retryOf, busyTries - 1);
      return;
    }
    if (answer.parts.some((p) => p.type === 'text' && p.text)) {
      this.#answered = true;
      this.#quiet?.restart();
    }
    if (!this.#panel.hidden) this.#live.start();
    this.#sendWaitingApprovals(generation);
  }

  /** Sends approval answers given while a stream was running, once none is. */
  #sendWaitingApprovals(generation: number): void {
    const waiting = this.#approvalToSend;
    this.#approvalToSend = undefined;
    if (waiting && generation === this.#generation && !this.#busy) this.#sendApprovals(waiting);
  }

  /** Removes a message that shows nothing (never the last one by mistake: it must be in the list). */
  #forget(message: UIMessage): void {
    const index = this.#messages.indexOf(message);
    if (index >= 0) this.#messages.splice(index, 1);
    this.#views.get(message)?.remove();
    this.#views.delete(message);
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
    if (this.#live.running) {
      // Reconnect now rather than when the backoff would have (up to 30 s later).
      this.#live.stop();
      this.#live.start();
    }
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
    void this.#stream([{ ...message, parts }], message, undefined, APPROVAL_BUSY_TRIES);
  }

  #render(message: UIMessage): void {
    const person = authorOf(message);
    let view = this.#views.get(message);
    if (!view) {
      view = h('div', {});
      this.#views.set(message, view);
      this.#log.querySelector('.note')?.remove();
      this.#log.append(view);
    }
    // A person's message is marked as theirs: a visible first name, another look, and who it is for screen readers.
    view.className = `msg ${message.role}${person ? ' person' : ''}`;
    view.dataset.author = message.role === 'user' ? 'customer' : person ? person.kind : 'bot';
    const who = person
      ? h('p', { class: 'author' }, person.name, h('span', { class: 'sr' }, ` ${STRINGS.fromOurTeam}: `))
      : h('span', { class: 'sr' }, `${message.role === 'user' ? STRINGS.you : STRINGS.assistant}: `);
    const body: Node[] = [who];
    for (const part of message.parts) {
      if (part.type === 'text' && part.text) {
        // A person's words are shown as written (no Markdown), as the customer's own are.
        body.push(message.role === 'user' || person ? h('p', {}, part.text) : renderMarkdown(part.text));
      } else if (toolNameOf(part)) {
        const node = this.#renderTool(message, part);
        if (node) body.push(node);
      }
    }
    if (message.role === 'assistant' && !person && message.parts.every((p) => p.type === 'step-start') && this.#busy) {
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

/** A part the conversation shows (text or a tool); step markers alone show nothing. */
function isVisiblePart(part: UIPart): boolean {
  return (part.type === 'text' && Boolean(part.text)) || toolNameOf(part) !== undefined;
}
