import { z } from 'zod';

/**
 * Who answers a conversation: the bot; nobody yet (`waiting` for a person, or a ticket when no one is on
 * duty); a person (`with_agent`); or nobody any more (`closed`). The record's `status` column holds the same.
 */
export const HANDOFF_STATES = ['bot', 'waiting', 'with_agent', 'closed'] as const;
export type HandoffStateName = (typeof HANDOFF_STATES)[number];

/** Why the bot handed over; the model picks one (the tool's schema lists them). */
export const HANDOFF_REASONS = ['customer_asked', 'customer_upset', 'policy_gap', 'repeated_failures'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** The person answering, as the customer sees them: a first name only. */
export interface HandoffAgent {
  staffId: string;
  name: string;
}

/** A conversation's hand-off, as every replica sees it (the hand-off store). */
export interface Handoff {
  conversationId: string;
  /** The customer's id; null for an anonymous visitor. */
  customerId: string | null;
  state: HandoffStateName;
  /** Written by the model for the agent. */
  summary: string;
  reason: HandoffReason;
  agent?: HandoffAgent;
  /** Epoch ms the customer started waiting (the queue's order). */
  waitingSince: number;
  /** Epoch ms of the last change. */
  changedAt: number;
  /** Whether someone was on duty when it was handed over; false: the shop answers by email. */
  agentsAvailable: boolean;
  /** Bumped on every change; a change applies only to the version it was computed from. */
  version: number;
}

/** Who made a change: the model (hand-off), a staff member, or the helpdesk behind the webhook. */
export type HandoffActor = { kind: 'bot' } | { kind: 'staff'; staffId: string } | { kind: 'helpdesk' };

export function actorName(actor: HandoffActor): string {
  return actor.kind === 'staff' ? `staff:${actor.staffId}` : actor.kind;
}

/** While a person holds the conversation (or it waits for one), the model is not called. */
export function isWithPeople(handoff: Handoff | undefined): boolean {
  return handoff?.state === 'waiting' || handoff?.state === 'with_agent';
}

export const HandoffRequestSchema = z.object({
  summary: z.string().trim().min(1).max(2000),
  // A model that names no reason was asked: the customer's plain request is the common case.
  reason: z.enum(HANDOFF_REASONS).default('customer_asked'),
});

export const HandoffSchema = z.object({
  conversationId: z.string(),
  customerId: z.string().nullable(),
  state: z.enum(HANDOFF_STATES),
  summary: z.string(),
  reason: z.enum(HANDOFF_REASONS),
  agent: z.object({ staffId: z.string(), name: z.string() }).optional(),
  waitingSince: z.number(),
  changedAt: z.number(),
  agentsAvailable: z.boolean(),
  version: z.number().int(),
});

/** A refused change: the state it was refused in names why (409 on the console). */
export class HandoffConflict extends Error {
  readonly current: Handoff | undefined;
  constructor(message: string, current: Handoff | undefined) {
    super(message);
    this.name = 'HandoffConflict';
    this.current = current;
  }
}

/** Changes, each a pure function of the current hand-off: the store applies them atomically. */
export type HandoffChange = (current: Handoff | undefined) => Handoff;

/** The bot hands over (bot or closed → waiting). Asking again while already with people changes nothing. */
export function requestHandoff(input: {
  conversationId: string;
  customerId: string | null;
  summary: string;
  reason: HandoffReason;
  agentsAvailable: boolean;
  now: number;
}): HandoffChange {
  return (current) => {
    if (current && isWithPeople(current)) return current;
    return {
      conversationId: input.conversationId,
      customerId: input.customerId,
      state: 'waiting',
      summary: input.summary,
      reason: input.reason,
      waitingSince: input.now,
      changedAt: input.now,
      agentsAvailable: input.agentsAvailable,
      version: (current?.version ?? 0) + 1,
    };
  };
}

/** An agent takes a waiting conversation; someone else's or a closed one is a conflict. */
export function claimHandoff(agent: HandoffAgent, now: number): HandoffChange {
  return (current) => {
    if (current?.state !== 'waiting') {
      throw new HandoffConflict(
        current?.state === 'with_agent'
          ? `${current.agent?.name ?? 'Another agent'} has already claimed this conversation.`
          : 'This conversation is not waiting for a person.',
        current,
      );
    }
    const { agent: _none, ...rest } = current;
    return { ...rest, state: 'with_agent', agent, changedAt: now, version: current.version + 1 };
  };
}

/** The agent holding the conversation; anyone else is refused (claim it first). */
export function requireHolder(current: Handoff | undefined, staffId: string): Handoff {
  if (current?.state !== 'with_agent' || current.agent?.staffId !== staffId) {
    throw new HandoffConflict('Claim this conversation before answering it: you do not hold it.', current);
  }
  return current;
}

/** The holder hands it back to the bot or closes it; a waiting one (a ticket) any agent may close. */
export function releaseHandoff(staffId: string, to: 'bot' | 'closed', now: number): HandoffChange {
  return (current) => {
    const closingTicket = current?.state === 'waiting' && to === 'closed';
    const held = closingTicket ? current : requireHolder(current, staffId);
    return { ...held, state: to, changedAt: now, version: held.version + 1 };
  };
}

/** A first name for the customer to see: the token's `name` claim, else the staff id's last word. */
export function firstNameOf(staff: { staffId: string; name?: string | undefined }): string {
  const fromId = staff.staffId
    .split('@')[0]
    ?.split(/[_\-.]/)
    .filter(Boolean)
    .at(-1);
  const first = staff.name?.trim().split(/\s+/)[0] || fromId || 'Agent';
  return first.charAt(0).toUpperCase() + first.slice(1);
}
