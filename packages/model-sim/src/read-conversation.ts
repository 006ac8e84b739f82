import type { ContentBlockParam, MessageParam } from './messages-request-schema.ts';

/** A tool call the model made in the current turn, with what the host answered. */
export interface ToolCallRecord {
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** Which round of the turn asked for it: 1 for the first assistant message with tool calls. */
  round: number;
  /** The result's text blocks (a JSON document and a summary are often separate blocks). */
  result?: { texts: string[]; isError: boolean };
}

/** What the planner needs from a conversation: the customer's words and this turn's tool traffic. */
export interface Conversation {
  /**
   * The newest text the user typed: the last user message that is not a tool-result message. Text inside
   * tool results is never part of it, so instructions planted in a document cannot steer the model.
   */
  intentText: string;
  /** The user's typed text before that, for a short follow-up that answers the model's own question. */
  earlierIntentText: string | undefined;
  /** Whether the assistant's message just before {@link intentText} asked the user something. */
  intentAnswersQuestion: boolean;
  /** The text of the assistant's message just before {@link intentText} (empty when there is none). */
  replyBeforeIntent: string;
  /** Tool calls since {@link intentText}, oldest first. */
  calls: ToolCallRecord[];
  /** Assistant messages with tool calls since {@link intentText}. */
  rounds: number;
}

export function readConversation(messages: readonly MessageParam[]): Conversation {
  const intents = messages.flatMap((message, index) =>
    message.role === 'user' && !hasToolResults(message.content) ? [index] : [],
  );
  const intentIndex = intents.at(-1) ?? -1;
  const earlierIndex = intents.at(-2);
  const before = messages[intentIndex - 1];
  const replyBeforeIntent = before?.role === 'assistant' ? typedText(before.content) : '';

  const calls: ToolCallRecord[] = [];
  const byId = new Map<string, ToolCallRecord>();
  let rounds = 0;
  for (const message of messages.slice(intentIndex + 1)) {
    if (typeof message.content === 'string') continue;
    if (message.role === 'assistant') {
      let any = false;
      for (const block of message.content) {
        if (block.type !== 'tool_use') continue;
        const call: ToolCallRecord = { id: block.id, name: block.name, input: block.input, round: rounds + 1 };
        calls.push(call);
        byId.set(block.id, call);
        any = true;
      }
      if (any) rounds++;
      continue;
    }
    for (const block of message.content) {
      if (block.type !== 'tool_result') continue;
      const call = byId.get(block.tool_use_id);
      if (call) call.result = { texts: resultTexts(block.content), isError: block.is_error === true };
    }
  }

  return {
    intentText: intentIndex >= 0 ? typedText(messages[intentIndex]?.content ?? '') : '',
    earlierIntentText: earlierIndex === undefined ? undefined : typedText(messages[earlierIndex]?.content ?? ''),
    intentAnswersQuestion: /\?\s*$/.test(replyBeforeIntent),
    replyBeforeIntent,
    calls,
    rounds,
  };
}

/** Text blocks only: images, documents and tool traffic are not something the user typed. */
export function typedText(content: string | readonly ContentBlockParam[]): string {
  if (typeof content === 'string') return content;
  return content
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('\n')
    .trim();
}

function hasToolResults(content: string | readonly ContentBlockParam[]): boolean {
  return typeof content !== 'string' && content.some((block) => block.type === 'tool_result');
}

type ToolResultContent = Extract<ContentBlockParam, { type: 'tool_result' }>['content'];

function resultTexts(content: ToolResultContent): string[] {
  if (content === undefined) return [];
  if (typeof content === 'string') return [content];
  return content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
}
