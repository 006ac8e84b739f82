import { describeResult } from './describe-result.ts';
import { humanizeName, OFFLINE_MARKER } from './offline-marker.ts';
import type { ToolCallRecord } from './read-conversation.ts';
import type { ParamProfile, ToolProfile } from './tool-profile.ts';

/** Longest answer model-sim writes, in characters: a chat reply, not a report. */
const MAX_ANSWER_CHARS = 2_000;
/** Tools named when offering help. */
const MAX_ABILITIES = 5;

/**
 * The answer after tool results: what each call returned, its key fields quoted, errors said plainly.
 * Nothing is added that the results do not contain.
 */
export function writeGroundedAnswer(calls: readonly ToolCallRecord[]): string {
  // Earlier rounds looked things up for the last one ("list my orders" before "cancel order"): their
  // results are told only when they failed.
  const lastRound = Math.max(...calls.map((call) => call.round));
  const answered = calls.filter((call) => call.result && (call.round === lastRound || call.result.isError));
  const failed = answered.filter((call) => call.result?.isError);
  const lead =
    failed.length === answered.length
      ? "I couldn't get that information."
      : failed.length > 0
        ? 'Here is what I found, though not everything worked.'
        : 'Here is what I found.';
  const sections = answered.map((call) => describeResult(call));
  return cap(`${OFFLINE_MARKER} ${lead}\n\n${sections.join('\n\n')}`);
}

/** A reply without tools: greetings, thanks, and a friendly "I did not understand" with examples. */
export function writePlainAnswer(text: string, tools: readonly ToolProfile[]): string {
  const trimmed = text.trim();
  const said = trimmed.toLowerCase();
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    return `${OFFLINE_MARKER} I didn't catch a question there. ${offer(tools)}`;
  }
  if (/^(?:hi|hello|hey|hallo|hei|moin|good (?:morning|afternoon|evening))\b/.test(said)) {
    return `${OFFLINE_MARKER} Hello! I'm the shop's offline demo assistant. ${offer(tools)}`;
  }
  if (/\b(?:thanks|thank you|cheers|great|perfect)\b/.test(said)) {
    return `${OFFLINE_MARKER} You're welcome! Is there anything else I can help with?`;
  }
  if (/^(?:bye|goodbye|see you)\b/.test(said)) return `${OFFLINE_MARKER} Goodbye, and thanks for visiting!`;
  const excerpt = trimmed.length > 60 ? `${trimmed.slice(0, 57)}…` : trimmed;
  return `${OFFLINE_MARKER} Sorry, I'm not sure what you mean by “${excerpt}”. ${offer(tools)}`;
}

/** Asks for what a call needs and the text did not say: "…I need the order number (like A-1042)…?" */
export function writeMissingInfoQuestion(tool: ToolProfile, missing: readonly ParamProfile[]): string {
  const needs = missing.map((param) => {
    const example = param.schema.description?.match(/\blike\s+["“]?([^"”),;]+)["”]?/i)?.[1]?.trim();
    return `the ${humanizeName(param.name)}${example ? ` (like ${example})` : ''}`;
  });
  const list = needs.length > 1 ? `${needs.slice(0, -1).join(', ')} and ${needs.at(-1)}` : (needs[0] ?? '');
  return `${OFFLINE_MARKER} I can ${humanizeName(tool.name)} for you, but I need ${list}. Could you tell me?`;
}

function offer(tools: readonly ToolProfile[]): string {
  if (tools.length === 0) return 'No tools are available to me here, so I can only chat.';
  const examples = tools
    .map((tool) => tool.description.match(/["“]([^"”]{8,60}\?)["”]/)?.[1])
    .filter((example): example is string => example !== undefined)
    .slice(0, 2);
  // Spread over the list, so a host with order, product and help tools shows a bit of each.
  const step = Math.max(1, Math.floor(tools.length / MAX_ABILITIES));
  const abilities = tools
    .filter((_, index) => index % step === 0)
    .slice(0, MAX_ABILITIES)
    .map((tool) => humanizeName(tool.name));
  const tryThis = examples.length > 0 ? ` For example: ${examples.map((example) => `“${example}”`).join(' or ')}` : '';
  return `Things I can do here: ${abilities.join(', ')}.${tryThis}`;
}

function cap(text: string): string {
  return text.length <= MAX_ANSWER_CHARS ? text : `${text.slice(0, MAX_ANSWER_CHARS - 1)}…`;
}
