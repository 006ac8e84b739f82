import { parseEnvironment } from '@shopchat/mcp-service';
import { z } from 'zod';

/**
 * Every limit of a turn, in one place, with its unit and its reason. The model loop, the executor that runs a
 * turn under a deadline, the process that runs turns itself and the API that queues them all read this one
 * object; {@link loadTurnLimits} is the one place a deployment changes it (and where it is checked).
 */
export const TURN_LIMITS = {
  // The model loop (claude-turn-runner.ts).
  /** Model calls per turn: enough for look-up → act → answer twice over, few enough to stop a loop. */
  maxRounds: 8,
  /** Tokens per model answer: a support reply is short; a longer one is cut with stop reason max_tokens. */
  maxTokens: 1_024,
  /** Milliseconds: a tool that has not answered in 10 s will not help a customer waiting in a chat. */
  toolTimeoutMs: 10_000,
  /** Characters of one tool result sent to the model (~3,000 tokens). */
  resultBudgetChars: 12_000,
  /** Milliseconds an approval card stays valid: long enough to read it, short enough that the facts still hold. */
  approvalTtlMs: 10 * 60_000,

  // One running turn, wherever it runs (execute-chat-turn.ts).
  /** Milliseconds: a turn runs to completion even when its client leaves (so a resume finds it), but no longer. */
  maxTurnDurationMs: 120_000,
  /** Milliseconds the runner gets, after an abort, to stop cleanly before the turn is closed without it. */
  abortGraceMs: 5_000,
  /** Chunks one turn may write (a long answer is a few thousand); more is a runaway, so it is aborted. */
  maxChunksPerTurn: 20_000,
  /**
   * Milliseconds a text delta may wait to be written with the ones after it (decision 0028): a burst of
   * deltas is one write to the stream, the browser and the message builder instead of hundreds. The first
   * delta after anything else is never held. Below a screen frame (16 ms), so nobody sees it; 0 writes every
   * delta as it comes.
   */
  textCoalesceMs: 12,
  /** Characters of merged text written at once, without waiting for the window to end. */
  textCoalesceChars: 2_048,

  // Turns a process runs itself (in-process-turns.ts, the host without REDIS_URL).
  /** Turns running at once in one process; more get 503 rather than exhausting memory and the model quota. */
  maxRunningTurns: 500,
  /**
   * Milliseconds a turn keeps running with nobody reading it. A dropped connection usually comes back through
   * the resume endpoint within seconds; after this the customer has gone, and the turn (model and tool calls
   * included) is cancelled. Workers apply it too, through the readers' presence in Redis.
   */
  abandonAfterMs: 15_000,

  // Turns queued for workers (queued-turns.ts, the API with REDIS_URL).
  /**
   * Turns waiting for a worker beyond which new chats get 503: past this the wait is longer than a customer
   * would stay (the workers are down or far too few), and 503 tells the load balancer and the widget so.
   */
  maxWaitingTurns: 2_000,
  /** Milliseconds a waiting-count reading is reused: one Redis call per this, not per chat request. */
  waitingCountCacheMs: 500,
} as const;

export type TurnLimits = { -readonly [K in keyof typeof TURN_LIMITS]: number };

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The limits a deployment may set, by environment variable, with the bounds that keep a turn sane. */
const TurnLimitsEnvSchema = z.object({
  MAX_TOOL_ROUNDS: int(1, 20).optional(),
  MAX_OUTPUT_TOKENS: int(64, 8_192).optional(),
  TOOL_TIMEOUT_MS: int(100, 120_000).optional(),
  TOOL_RESULT_MAX_CHARS: int(500, 200_000).optional(),
  APPROVAL_TTL_MS: int(10_000, 24 * 3_600_000).optional(),
  CHAT_TURN_TIMEOUT_MS: int(1_000, 600_000).optional(),
  TURN_TEXT_COALESCE_MS: int(0, 1_000).optional(),
});

/**
 * The turn's limits for this deployment: {@link TURN_LIMITS} with the variables that are set. A bad value
 * throws a `ConfigError` naming the variable, so the host stops at startup.
 *
 * | variable | limit | default |
 * | --- | --- | --- |
 * | `MAX_TOOL_ROUNDS` | `maxRounds` | 8 |
 * | `MAX_OUTPUT_TOKENS` | `maxTokens` | 1024 |
 * | `TOOL_TIMEOUT_MS` | `toolTimeoutMs` | 10000 |
 * | `TOOL_RESULT_MAX_CHARS` | `resultBudgetChars` | 12000 |
 * | `APPROVAL_TTL_MS` | `approvalTtlMs` | 600000 |
 * | `CHAT_TURN_TIMEOUT_MS` | `maxTurnDurationMs` | 120000 |
 * | `TURN_TEXT_COALESCE_MS` | `textCoalesceMs` | 12 |
 */
export function loadTurnLimits(env: NodeJS.ProcessEnv): TurnLimits {
  const e = parseEnvironment(TurnLimitsEnvSchema, env);
  return {
    ...TURN_LIMITS,
    ...(e.MAX_TOOL_ROUNDS !== undefined ? { maxRounds: e.MAX_TOOL_ROUNDS } : {}),
    ...(e.MAX_OUTPUT_TOKENS !== undefined ? { maxTokens: e.MAX_OUTPUT_TOKENS } : {}),
    ...(e.TOOL_TIMEOUT_MS !== undefined ? { toolTimeoutMs: e.TOOL_TIMEOUT_MS } : {}),
    ...(e.TOOL_RESULT_MAX_CHARS !== undefined ? { resultBudgetChars: e.TOOL_RESULT_MAX_CHARS } : {}),
    ...(e.APPROVAL_TTL_MS !== undefined ? { approvalTtlMs: e.APPROVAL_TTL_MS } : {}),
    ...(e.CHAT_TURN_TIMEOUT_MS !== undefined ? { maxTurnDurationMs: e.CHAT_TURN_TIMEOUT_MS } : {}),
    ...(e.TURN_TEXT_COALESCE_MS !== undefined ? { textCoalesceMs: e.TURN_TEXT_COALESCE_MS } : {}),
  };
}
