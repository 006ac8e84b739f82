import { randomUUID } from 'node:crypto';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { Database } from '@shopchat/postgres';
import type { UIMessage, UIMessageChunk } from 'ai';
import type { Logger } from 'pino';
import { ChatApiError } from '../chat/chat-api-error.ts';
import type { ConversationStore } from '../chat/conversation-store.ts';
import type { TurnStreamHub, TurnStreamWriter } from '../turn/turn-stream-hub.ts';
import type { AgentPresence } from './agent-presence.ts';
import { conversationChannel, type HandoffBus, QUEUE_CHANNEL } from './handoff-bus.ts';
import {
  claimHandoff,
  firstNameOf,
  type Handoff,
  type HandoffActor,
  type HandoffChange,
  HandoffConflict,
  type HandoffReason,
  releaseHandoff,
  requestHandoff,
  requireHolder,
} from './handoff-state.ts';
import type { HandoffStore } from './handoff-store.ts';
import { createInMemoryOncePerWindow, type OncePerWindow } from './once-per-window.ts';
import { recordAgentMessage, recordHandoffChange } from './record-handoff.ts';
import { type SupportHours, withinSupportHours } from './support-hours.ts';

/** What the customer's widget is told about the hand-off (a transient `data-handoff` part). */
export interface HandoffNotice {
  state: Handoff['state'];
  /** The person's first name, while one answers. */
  agent?: { name: string };
  /** False: nobody is on duty; the shop answers by email. */
  agentsAvailable: boolean;
}

/** What the console's queue stream carries. */
export type QueueEvent =
  | { type: 'handoff'; handoff: Handoff }
  | { type: 'message'; conversationId: string; message: UIMessage };

export interface HandoffsDeps {
  store: HandoffStore;
  bus: HandoffBus;
  presence: AgentPresence;
  supportHours?: SupportHours;
  /**
   * Which typing signals are published: one per conversation per {@link TYPING_WINDOW_MS} (shared by the
   * replicas with Redis); in this process's memory by default.
   */
  typingThrottle?: OncePerWindow;
  /** The live conversations; needed to deliver a person's message (the turn runner's side does not). */
  conversations?: ConversationStore;
  /** Its per-conversation turn lock keeps an agent's message and a customer's turn from overwriting each other. */
  hub?: TurnStreamHub;
  /** The conversation record; unset, changes are not recorded. */
  db?: Database;
  log: Pick<Logger, 'warn' | 'error'>;
  now?: () => number;
}

/** The signed-in staff member, as the hand-off sees them. */
export interface HandoffStaff {
  staffId: string;
  name?: string;
}

/**
 * At most one typing signal a second reaches a customer's widget: a console sends one per keystroke (or, when
 * buggy, in a loop), and the widget only needs to know someone is typing; the rest are accepted and dropped.
 */
export const TYPING_WINDOW_MS = 1_000;

/** How long an agent's message waits for a customer's running turn to end before answering 409. */
const LOCK_WAIT_MS = 3_000;
const LOCK_POLL_MS = 25;

/** Hand-off operations, shared by the turn (the model hands over), the console and the helpdesk webhook. */
export interface Handoffs {
  readonly store: HandoffStore;
  readonly bus: HandoffBus;
  readonly presence: AgentPresence;
  /** Whether someone would answer now: within `SUPPORT_HOURS` and an agent signed in. */
  agentsAvailable(): Promise<boolean>;
  /** The model handed the conversation over (bot → waiting). */
  request(input: {
    conversationId: string;
    customerId: string | null;
    summary: string;
    reason: HandoffReason;
  }): Promise<Handoff>;
  /** The customer wrote while waiting or with an agent: the queue hears it. */
  customerWrote(conversationId: string, message: UIMessage): Promise<void>;
  claim(conversationId: string, staff: HandoffStaff): Promise<Handoff>;
  /** The agent's message: stored in the conversation, streamed to the customer, on record. */
  reply(conversationId: string, staff: HandoffStaff, text: string): Promise<UIMessage>;
  /** The agent is typing: a transient signal to the customer's widget (at most one a second is published). */
  typing(conversationId: string, staff: HandoffStaff): Promise<void>;
  release(conversationId: string, staff: HandoffStaff, to: 'bot' | 'closed'): Promise<Handoff>;
  /** A message from an external helpdesk's agent (the webhook), who need not have claimed. */
  helpdeskReply(conversationId: string, author: string, text: string): Promise<UIMessage>;
}

export function noticeOf(handoff: Handoff): HandoffNotice {
  return {
    state: handoff.state,
    ...(handoff.state === 'with_agent' && handoff.agent ? { agent: { name: handoff.agent.name } } : {}),
    agentsAvailable: handoff.agentsAvailable,
  };
}

/** The chunks of a transient hand-off notice, as the widget reads them. */
export function noticeChunk(handoff: Handoff): UIMessageChunk {
  return { type: 'data-handoff', data: noticeOf(handoff), transient: true } as UIMessageChunk;
}

export function createHandoffs(deps: HandoffsDeps): Handoffs {
  const now = deps.now ?? Date.now;
  const { store, bus, log } = deps;
  const typingThrottle = deps.typingThrottle ?? createInMemoryOncePerWindow(TYPING_WINDOW_MS, now);

  const publish = (channel: string, event: unknown): Promise<void> =>
    bus.publish(channel, event).catch((error: unknown) => log.warn({ err: error }, 'hand-off event not published'));

  /** Applies a change, then tells the queue and the customer and puts it on record. */
  const change = async (conversationId: string, apply: HandoffChange, actor: HandoffActor): Promise<Handoff> => {
    const before = await store.get(conversationId);
    let after: Handoff;
    try {
      after = await store.update(conversationId, apply);
    } catch (error) {
      if (error instanceof HandoffConflict) throw new ChatApiError('handoff_conflict', error.message, { cause: error });
      throw error;
    }
    if (before?.version === after.version) return after;
    await Promise.all([
      publish(QUEUE_CHANNEL, { type: 'handoff', handoff: after } satisfies QueueEvent),
      publish(conversationChannel(conversationId), { chunks: [noticeChunk(after)] }),
      record(after, actor),
    ]);
    return after;
  };

  const record = async (handoff: Handoff, actor: HandoffActor): Promise<void> => {
    if (!deps.db) return;
    const conversation = await deps.conversations?.get(handoff.conversationId);
    await recordHandoffChange(deps.db, {
      handoff,
      actor,
      conversationStartedAt: conversation?.createdAt ?? handoff.waitingSince,
    }).catch((error: unknown) => log.error({ err: error }, 'hand-off change not recorded'));
  };

  const lock = async (conversationId: string): Promise<TurnStreamWriter | undefined> => {
    if (!deps.hub) return undefined;
    const until = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const writer = await deps.hub.begin(conversationId);
      if (writer) return writer;
      if (Date.now() > until) {
        throw new ChatApiError('turn_in_progress', 'The customer’s last message is still being handled; send again.');
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  };

  /** Stores an assistant message written by a person, then streams it to the customer. */
  const deliver = async (
    conversationId: string,
    author: { kind: 'agent' | 'helpdesk'; name: string },
    text: string,
    recordAs: string,
  ): Promise<UIMessage> => {
    const message: UIMessage = {
      id: `msg_${randomUUID().replaceAll('-', '')}`,
      role: 'assistant',
      metadata: { author },
      parts: [{ type: 'text', text }],
    };
    const conversations = deps.conversations;
    if (!conversations) throw new TypeError('createHandoffs: delivering a message needs the conversations');
    const writer = await lock(conversationId);
    try {
      const conversation = await conversations.get(conversationId);
      if (!conversation) throw new ChatApiError('not_found', 'The live conversation has expired.');
      await conversations.save({
        ...conversation,
        messages: [...conversation.messages, message],
        history: appendText(conversation.history, 'assistant', `${author.name} (a person on the shop’s team): ${text}`),
      });
    } finally {
      await writer?.end().catch(() => {});
    }
    const textId = `${message.id}-text`;
    const chunks: UIMessageChunk[] = [
      { type: 'start', messageId: message.id, messageMetadata: { author } },
      { type: 'text-start', id: textId },
      { type: 'text-delta', id: textId, delta: text },
      { type: 'text-end', id: textId },
      { type: 'finish' },
    ];
    await Promise.all([
      publish(conversationChannel(conversationId), { chunks }),
      deps.db &&
        recordAgentMessage(deps.db, { conversationId, message, text, staffId: recordAs, at: now() }).catch(
          (error: unknown) => log.error({ err: error }, 'agent message not recorded'),
        ),
    ]);
    return message;
  };

  const agentsAvailable = async (): Promise<boolean> =>
    withinSupportHours(deps.supportHours, now()) && (await deps.presence.count()) > 0;

  return {
    store,
    bus,
    presence: deps.presence,
    agentsAvailable,
    async request(input) {
      const available = await agentsAvailable().catch(() => false);
      return change(input.conversationId, requestHandoff({ ...input, agentsAvailable: available, now: now() }), {
        kind: 'bot',
      });
    },
    async customerWrote(conversationId, message) {
      await publish(QUEUE_CHANNEL, { type: 'message', conversationId, message } satisfies QueueEvent);
    },
    claim: (conversationId, staff) =>
      change(conversationId, claimHandoff({ staffId: staff.staffId, name: firstNameOf(staff) }, now()), {
        kind: 'staff',
        staffId: staff.staffId,
      }),
    async reply(conversationId, staff, text) {
      requireHeld(await store.get(conversationId), staff.staffId);
      return deliver(conversationId, { kind: 'agent', name: firstNameOf(staff) }, text, staff.staffId);
    },
    async typing(conversationId, staff) {
      requireHeld(await store.get(conversationId), staff.staffId);
      if (!(await typingThrottle.first(conversationId))) return;
      const data = { name: firstNameOf(staff) };
      await publish(conversationChannel(conversationId), {
        chunks: [{ type: 'data-typing', data, transient: true }],
      });
    },
    release: (conversationId, staff, to) =>
      change(conversationId, releaseHandoff(staff.staffId, to, now()), { kind: 'staff', staffId: staff.staffId }),
    async helpdeskReply(conversationId, author, text) {
      const current = await store.get(conversationId);
      if (current?.state !== 'waiting' && current?.state !== 'with_agent') {
        throw new ChatApiError('handoff_conflict', 'This conversation is not handed over to a person.');
      }
      return deliver(
        conversationId,
        { kind: 'helpdesk', name: firstNameOf({ staffId: author, name: author }) },
        text,
        'helpdesk',
      );
    },
  };
}

function requireHeld(current: Handoff | undefined, staffId: string): void {
  try {
    requireHolder(current, staffId);
  } catch (error) {
    if (error instanceof HandoffConflict) throw new ChatApiError('handoff_conflict', error.message, { cause: error });
    throw error;
  }
}

/**
 * The history with `text` added as `role`'s: joined to the last message when that is the same role's, since
 * the Messages API expects turns to alternate.
 */
export function appendText(history: MessageParam[], role: 'user' | 'assistant', text: string): MessageParam[] {
  const last = history.at(-1);
  if (last?.role !== role) return [...history, { role, content: text }];
  const content = typeof last.content === 'string' ? [{ type: 'text' as const, text: last.content }] : last.content;
  return [...history.slice(0, -1), { role, content: [...content, { type: 'text', text }] }];
}
