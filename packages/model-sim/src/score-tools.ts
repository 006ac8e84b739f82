import { relatedWords } from './related-words.ts';
import { isQuestion, tokenize } from './text-tokens.ts';
import { ORDER_NUMBER, type ToolProfile } from './tool-profile.ts';
import { contentWords, isQueryWord, wordsMatch } from './word-stems.ts';

/** How well one tool fits a text. */
export interface ToolScore {
  tool: ToolProfile;
  score: number;
  /** The part of `score` that came from words alone, without the pattern and question bonuses. */
  wordScore: number;
  /** The text uses the verb of the tool's name ("cancel" for `cancel_order`). */
  verbMatched: boolean;
}

/**
 * Below this a text is small talk or gibberish and gets a plain answer. One distinctive word in a tool's
 * name (weight 3) or a value its schema recognises (an order number, +2) clears it; a lone common word
 * shared by many tools does not.
 */
export const TOOL_SCORE_THRESHOLD = 1.5;
/** A value matching a tool's parameter pattern (an order number for an `order_number` field). */
const PATTERN_BONUS = 2;
/** A question with content words leans towards a help-center search tool. */
const QUESTION_BONUS = 1;
/** Score kept by a tool that changes things when the text does not use its verb. */
const ACTING_WITHOUT_VERB = 0.5;
/** A related word counts this much of the word itself. */
const RELATED_FACTOR = 0.5;

/**
 * Scores every tool against a text: for each distinct content word of the text, the best weight of a
 * matching word in the tool's profile, times how rare that word is among the request's tools (a word
 * every tool has decides nothing); plus bonuses for values the tool's schema recognises and, for
 * questions, for help-center search. Sorted best first; ties keep the request's tool order.
 */
export function scoreTools(text: string, tools: readonly ToolProfile[]): ToolScore[] {
  const words = [...new Set(contentWords(text).map((word) => word.stem))];
  // Related words count half: "talk to a person" reaches a tool about contacting customer service.
  const related = words.flatMap((word) => relatedWords(word).filter((other) => !words.includes(other)));
  const tokens = tokenize(text);
  const question = isQuestion(text) && tokens.some((token) => isQueryWord(token.lower) && !/^\d/.test(token.lower));
  const rarity = (word: string) => {
    const holders = tools.filter((tool) => bestWeight(tool, word) > 0).length;
    return holders === 0 ? 0 : Math.log(1 + tools.length / holders) / Math.log(1 + tools.length);
  };
  const rarities = new Map([...words, ...related].map((word) => [word, rarity(word)]));

  const scores = tools.map((tool, index) => {
    let wordScore = 0;
    for (const word of words) {
      const direct = bestWeight(tool, word) * (rarities.get(word) ?? 0);
      const viaRelated = relatedWords(word).map(
        (other) => RELATED_FACTOR * bestWeight(tool, other) * (rarities.get(other) ?? 0),
      );
      wordScore += Math.max(direct, ...viaRelated);
    }
    let score = wordScore;
    const recognised = tool.params.some((param) =>
      tokens.some((token) => (param.pattern ?? (param.orderNumber ? ORDER_NUMBER : undefined))?.test(token.raw)),
    );
    if (recognised) score += PATTERN_BONUS;
    if (question && tool.helpSearch) score += QUESTION_BONUS;
    const verb = tool.verb;
    const verbMatched = verb !== undefined && words.some((word) => wordsMatch(word, verb));
    // A tool that changes things is chosen on the customer's own verb: "is order A-1042 paid?" must
    // not start a cancellation because cancel_order's description talks about paid orders.
    if (tool.acts && !verbMatched) score *= ACTING_WITHOUT_VERB;
    return { tool, score, wordScore, verbMatched, index };
  });
  return scores.sort((a, b) => b.score - a.score || a.index - b.index).map(({ index: _index, ...score }) => score);
}

function bestWeight(tool: ToolProfile, word: string): number {
  const exact = tool.words.get(word);
  if (exact !== undefined) return exact;
  let best = 0;
  for (const [candidate, weight] of tool.words) if (weight > best && wordsMatch(word, candidate)) best = weight;
  return best;
}
