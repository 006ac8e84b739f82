import { fillArguments } from './fill-arguments.ts';
import { fillFromResults } from './fill-from-results.ts';
import type { MessagesRequest } from './messages-request-schema.ts';
import { type Conversation, readConversation } from './read-conversation.ts';
import { scoreTools, TOOL_SCORE_THRESHOLD, type ToolScore } from './score-tools.ts';
import { isQuestion, splitSentences, tokenize } from './text-tokens.ts';
import { buildToolProfiles, type ToolProfile } from './tool-profile.ts';
import { answerUpsetCustomer, findHandoffTool } from './upset-customer.ts';
import { writeGroundedAnswer, writeMissingInfoQuestion, writePlainAnswer } from './write-answer.ts';

/** A tool call the reply will contain. */
export interface PlannedCall {
  name: string;
  input: Record<string, unknown>;
}

/** What to answer: tool calls (`stop_reason: tool_use`) or text (`end_turn`). */
export type ReplyPlan = { kind: 'tools'; calls: PlannedCall[] } | { kind: 'text'; text: string };

/**
 * Tool rounds within one customer turn before model-sim answers with what it has: enough to look an
 * order up and then act on it (find → act → answer), and a stop for a host that keeps forcing tools.
 */
export const MAX_TOOL_ROUNDS_PER_TURN = 4;
/** Separate requests in one message that get their own tool call ("order A-1007 leaks. Is that covered?"). */
export const MAX_PARALLEL_CALLS = 3;
/** A blocked tool's stand-in must fit at least this share as well as the tool itself did. */
const ALTERNATIVE_SHARE = 0.5;
/** A follow-up this short that answers the model's question ("A-1042") is read with the question's turn. */
const FOLLOW_UP_TOKENS = 4;

interface Intent {
  /** The sentence the tool was chosen for. */
  sentence: string;
  top: ToolScore;
  /** All tools scored against that sentence, best first. */
  scores: ToolScore[];
}

/**
 * Decides the reply deterministically from the request alone. Tool choice comes from the latest text
 * the user typed, never from tool results; results only complete the arguments of a call the user's
 * words asked for, and are otherwise quoted in the answer. A tool already called in this turn is never
 * called again, so a turn always ends in text.
 */
export function planReply(request: MessagesRequest, now: Date): ReplyPlan {
  const tools = buildToolProfiles(request.tools ?? []);
  const conversation = readConversation(request.messages);
  const choice = request.tool_choice ?? { type: 'auto' as const };
  const answer = (): ReplyPlan => ({
    kind: 'text',
    text:
      conversation.calls.length > 0
        ? writeGroundedAnswer(conversation.calls)
        : writePlainAnswer(conversation.intentText, tools),
  });
  if (choice.type === 'none' || tools.length === 0) return answer();

  const text = intentText(conversation);
  const decided = conversation.rounds < MAX_TOOL_ROUNDS_PER_TURN ? chooseCalls(text, tools, conversation, now) : {};
  let calls = decided.calls ?? [];

  // An upset customer (scenario 16) is offered a person instead of the same tools again, unless they
  // asked for one in so many words, which the hand-off tool's own description already matches.
  const handoff = findHandoffTool(tools);
  if (choice.type === 'auto' && !calls.some((call) => call.name === handoff?.name)) {
    const upset = answerUpsetCustomer(conversation, tools);
    if (upset) return 'calls' in upset ? { kind: 'tools', calls: upset.calls } : { kind: 'text', text: upset.text };
  }

  if (choice.type === 'tool') {
    const forced = calls.find((call) => call.name === choice.name);
    const tool = tools.find((candidate) => candidate.name === choice.name);
    calls = forced ? [forced] : tool ? [bestEffortCall(tool, text, conversation, now)] : [];
  } else if (choice.type === 'any' && calls.length === 0) {
    const scores = scoreTools(text, tools);
    const fillable = scores.find((score) => fillArguments(score.tool, text, now).missing.length === 0);
    const tool = (fillable ?? scores[0])?.tool;
    if (tool) calls = [bestEffortCall(tool, text, conversation, now)];
  }

  const parallel = !choice.disable_parallel_tool_use;
  if (calls.length > 0) return { kind: 'tools', calls: parallel ? calls : calls.slice(0, 1) };
  if (decided.question && conversation.calls.length === 0) return { kind: 'text', text: decided.question };
  return answer();
}

function chooseCalls(
  text: string,
  tools: ToolProfile[],
  conversation: Conversation,
  now: Date,
): { calls?: PlannedCall[]; question?: string } {
  const called = new Set(conversation.calls.map((call) => call.name));
  const firstRound = conversation.calls.length === 0;
  const calls: PlannedCall[] = [];
  const taken = (tool: ToolProfile) => called.has(tool.name) || calls.some((call) => call.name === tool.name);
  let question: string | undefined;

  const calledTools = tools.filter((tool) => called.has(tool.name));
  for (const intent of findIntents(text, tools)) {
    const tool = intent.top.tool;
    if (taken(tool)) {
      // "Cancel my last order": the lookup ran (list_my_orders, whose description says "then use
      // cancel_order"); now the tool it points to, if the customer used that tool's verb.
      const next = intent.scores.find(
        (score) =>
          score.verbMatched &&
          score.score >= TOOL_SCORE_THRESHOLD &&
          !taken(score.tool) &&
          calledTools.some((calledTool) => calledTool.mentions.has(score.tool.name)),
      );
      const nextFilled = next && fill(next.tool, intent.sentence, text, now);
      const completed =
        nextFilled && nextFilled.missing.length > 0
          ? fillFromResults(nextFilled.missing, conversation.calls, text)
          : {};
      if (next && nextFilled && completed)
        calls.push({ name: next.tool.name, input: { ...nextFilled.input, ...completed } });
      continue;
    }
    const filled = fill(tool, intent.sentence, text, now);
    if (filled.missing.length === 0) {
      calls.push({ name: tool.name, input: filled.input });
      continue;
    }
    // A later round: what earlier calls returned may complete the call the customer asked for.
    const fromResults = fillFromResults(filled.missing, conversation.calls, text);
    if (fromResults) {
      calls.push({ name: tool.name, input: { ...filled.input, ...fromResults } });
      continue;
    }
    if (!firstRound) continue;
    // Blocked on a value the customer did not give: another tool that fits as well, or one that can
    // look the value up (a tool whose description names it, like "find it with list_my_orders").
    const usable = (score: ToolScore) =>
      score.tool !== tool && !taken(score.tool) && fill(score.tool, intent.sentence, text, now).missing.length === 0;
    const alternative = intent.scores.find(
      (score) =>
        score.score >= TOOL_SCORE_THRESHOLD && score.score >= ALTERNATIVE_SHARE * intent.top.score && usable(score),
    );
    const finder = intent.scores.find(
      (score) => (tool.mentions.has(score.tool.name) || score.tool.mentions.has(tool.name)) && usable(score),
    );
    const step = alternative ?? finder;
    if (step) calls.push({ name: step.tool.name, input: fill(step.tool, intent.sentence, text, now).input });
    else question ??= writeMissingInfoQuestion(tool, filled.missing);
  }
  return { calls: calls.slice(0, MAX_PARALLEL_CALLS), ...(question ? { question } : {}) };
}

/**
 * One intent per sentence that clearly asks for a tool, so "My jacket from order A-1007 leaks. Is that
 * covered?" becomes the order and the warranty search; if no single sentence is clear, the whole text.
 */
function findIntents(text: string, tools: ToolProfile[]): Intent[] {
  const sentences = splitSentences(text);
  const intents: Intent[] = [];
  if (sentences.length > 1) {
    for (const sentence of sentences) {
      const scores = scoreTools(sentence, tools);
      const top = scores[0];
      // A sentence that is only a value ("A-1042") adds no request of its own; its words must ask too.
      if (top && clearlyAsks(top, sentence) && top.wordScore > 0) intents.push({ sentence, top, scores });
    }
  }
  if (intents.length === 0) {
    const scores = scoreTools(text, tools);
    const top = scores[0];
    if (top && clearlyAsks(top, text)) intents.push({ sentence: text, top, scores });
  }
  return intents.filter((intent, index) => intents.findIndex((other) => other.top.tool === intent.top.tool) === index);
}

/**
 * Over the threshold; or a question whose best fit is the help-center search and shares a word (or a
 * related one) with it: "Is that covered?" after "My jacket leaks." is a policy question.
 */
function clearlyAsks(top: ToolScore, sentence: string): boolean {
  return top.score >= TOOL_SCORE_THRESHOLD || (top.tool.helpSearch && top.wordScore > 0 && isQuestion(sentence));
}

/**
 * Arguments from the intent's own sentence first (so one request's words do not leak into another's
 * query), completed from the whole message; a free-text query of fewer than two words takes the whole
 * message's words instead ("Is that covered?" alone is a poor search).
 */
function fill(tool: ToolProfile, sentence: string, text: string, now: Date) {
  const own = fillArguments(tool, sentence, now);
  if (sentence === text) return own;
  const whole = fillArguments(tool, text, now);
  const input = { ...whole.input, ...own.input };
  for (const param of tool.params) {
    const query = own.input[param.name];
    if (param.freeText && typeof query === 'string' && query.split(' ').length < 2 && whole.input[param.name]) {
      input[param.name] = whole.input[param.name];
    }
  }
  return { input, missing: tool.params.filter((param) => param.required && input[param.name] === undefined) };
}

/** A forced call (`tool_choice` any/tool): the best arguments there are, even if some are missing. */
function bestEffortCall(tool: ToolProfile, text: string, conversation: Conversation, now: Date): PlannedCall {
  const filled = fillArguments(tool, text, now);
  const fromResults = filled.missing.length > 0 ? fillFromResults(filled.missing, conversation.calls, text) : undefined;
  return { name: tool.name, input: { ...filled.input, ...fromResults } };
}

/**
 * The text to act on: the latest user-typed message, joined to the one before it when it is a short
 * answer to the model's own question ("Where is my order?" … "Which order?" … "A-1042").
 */
function intentText(conversation: Conversation): string {
  const latest = conversation.intentText;
  const earlier = conversation.earlierIntentText;
  if (!earlier || !conversation.intentAnswersQuestion || tokenize(latest).length > FOLLOW_UP_TOKENS) return latest;
  return `${earlier}\n${latest}`;
}
