import { OFFLINE_MARKER } from './offline-marker.ts';
import type { PlannedCall } from './plan-reply.ts';
import type { Conversation } from './read-conversation.ts';
import { tokenize } from './text-tokens.ts';
import type { ToolProfile } from './tool-profile.ts';

/**
 * Words that on their own say the customer has run out of patience ("This is the third time I ask,
 * nothing works!"). Kept narrow on purpose: "Where is my order again?" is a question, not a complaint,
 * so the weaker signals ("again", "still", "!") count only together with a strong one.
 */
const UPSET_PHRASES = [
  /\b(?:second|third|fourth|fifth|\d+(?:nd|rd|th)) time\b/,
  /\bnothing (?:works|helps|happens)\b/,
  /\b(?:still )?(?:doesn'?t|does not|isn'?t|is not|not) (?:work|working|helping)\b/,
  /\b(?:useless|ridiculous|unacceptable|frustrat\w*|fed up|sick of|waste of (?:my )?time|furious|angry)\b/,
];
/** Several exclamation marks, or shouting in capitals, tell the same as a strong phrase. */
const SHOUTING = /!{2,}|\b[A-Z]{4,}\b.*\b[A-Z]{4,}\b/;

/** Model-sim's offer of a person; its wording is also how the next turn recognises the offer. */
export const PERSON_OFFER =
  "I'm sorry this has been so frustrating, and that you had to ask again. Rather than run the same checks " +
  'once more, would you like me to hand this conversation to a person on our team?';
const OFFER_MARK = 'hand this conversation to a person';
const DECLINED = "All right, I'll stay with you. Tell me what you need in a sentence, and I'll look at it afresh.";

const YES = /^\s*(?:yes|yeah|yep|ok(?:ay)?|sure|please|please do|go ahead|do it|yes,? please)\b/i;
const NO = /^\s*(?:no|nope|not now|no,? thanks?)\b/i;

export function soundsUpset(text: string): boolean {
  const said = text.toLowerCase();
  return UPSET_PHRASES.some((phrase) => phrase.test(said)) || SHOUTING.test(text);
}

/**
 * The tool that hands a conversation to a person, as a model finds it: its description says to use it
 * when the customer is upset, and it takes a note for that person.
 */
export function findHandoffTool(tools: readonly ToolProfile[]): ToolProfile | undefined {
  return tools.find(
    (tool) => /\bupset\b/i.test(tool.description) && tool.params.some((param) => param.name === 'summary'),
  );
}

/**
 * Scenario 16: an upset customer gets an apology and the offer of a person, with no tool run again; when
 * they accept the offer, the hand-off call (a note quoting their complaint, the reason `customer_upset`
 * when the tool knows it); when they decline, the conversation goes on. Undefined when none of this applies.
 */
export function answerUpsetCustomer(
  conversation: Conversation,
  tools: readonly ToolProfile[],
): { calls: PlannedCall[] } | { text: string } | undefined {
  if (conversation.calls.length > 0) return undefined;
  const handoff = findHandoffTool(tools);
  if (!handoff) return undefined;
  const latest = conversation.intentText;
  if (conversation.replyBeforeIntent.includes(OFFER_MARK) && tokenize(latest).length <= 4) {
    if (YES.test(latest)) return { calls: [handoffCall(handoff, conversation.earlierIntentText ?? latest)] };
    if (NO.test(latest)) return { text: `${OFFLINE_MARKER} ${DECLINED}` };
  }
  if (soundsUpset(latest)) return { text: `${OFFLINE_MARKER} ${PERSON_OFFER}` };
  return undefined;
}

function handoffCall(tool: ToolProfile, complaint: string): PlannedCall {
  const input: Record<string, unknown> = {
    summary: `The customer is upset after asking several times. They wrote: "${complaint.trim().slice(0, 300)}"`,
  };
  const reason = tool.params.find((param) => param.name === 'reason');
  if (reason?.schema.enum?.includes('customer_upset')) input.reason = 'customer_upset';
  return { name: tool.name, input };
}
