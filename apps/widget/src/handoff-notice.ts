import { STRINGS } from './strings.ts';

/** Who answers the conversation (the host's hand-off states). */
export type HandoffStateName = 'bot' | 'waiting' | 'with_agent' | 'closed';
const STATES: readonly string[] = ['bot', 'waiting', 'with_agent', 'closed'];

/** A `data-handoff` part's data: the hand-off as the customer may see it. */
export interface HandoffNotice {
  state: HandoffStateName;
  /** The person's first name, while one answers. */
  agent?: { name: string };
  /** False: nobody is on duty, the shop answers by email. */
  agentsAvailable: boolean;
}

/** A line the conversation shows when the hand-off changes; `event` is its stable `data-handoff-event`. */
export interface HandoffLine {
  event: 'waiting' | 'by-email' | 'joined' | 'left' | 'closed';
  text: string;
}

/** The notice in a `data-handoff` part, or undefined when it is not one (the host's data is outside input). */
export function readHandoffNotice(data: unknown): HandoffNotice | undefined {
  const value = data as { state?: unknown; agent?: { name?: unknown }; agentsAvailable?: unknown } | null;
  if (!value || typeof value.state !== 'string' || !STATES.includes(value.state)) return undefined;
  const name = typeof value.agent?.name === 'string' && value.agent.name.trim() ? value.agent.name.trim() : undefined;
  return {
    state: value.state as HandoffStateName,
    ...(name ? { agent: { name } } : {}),
    agentsAvailable: value.agentsAvailable !== false,
  };
}

/**
 * The line to show when the hand-off goes from `previous` (undefined: not known yet, e.g. after a reload) to
 * `next`; none when nothing changed (a reconnect repeats the current state) or the bot simply keeps answering.
 */
export function handoffLine(previous: HandoffNotice | undefined, next: HandoffNotice): HandoffLine | undefined {
  if (
    previous?.state === next.state &&
    previous.agent?.name === next.agent?.name &&
    previous.agentsAvailable === next.agentsAvailable
  ) {
    return undefined;
  }
  switch (next.state) {
    case 'waiting':
      return next.agentsAvailable
        ? { event: 'waiting', text: STRINGS.handoffWaiting }
        : { event: 'by-email', text: STRINGS.handoffByEmail };
    case 'with_agent':
      return next.agent ? { event: 'joined', text: STRINGS.handoffJoined(next.agent.name) } : undefined;
    case 'closed':
      return { event: 'closed', text: STRINGS.handoffClosed };
    case 'bot':
      if (!previous || previous.state === 'bot') return undefined;
      return {
        event: 'left',
        text: previous.agent ? STRINGS.handoffLeft(previous.agent.name) : STRINGS.handoffBotBack,
      };
  }
}
