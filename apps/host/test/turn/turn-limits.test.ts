import { describe, expect, it } from 'vitest';
import { loadTurnLimits, TURN_LIMITS } from '../../src/turn/turn-limits.ts';

describe('the turn limits', () => {
  it('are the defaults with nothing set', () => {
    expect(loadTurnLimits({})).toEqual(TURN_LIMITS);
    expect(TURN_LIMITS).toMatchObject({ maxRounds: 8, maxTurnDurationMs: 120_000, abandonAfterMs: 15_000 });
  });

  it('reads every variable a deployment may set', () => {
    expect(
      loadTurnLimits({
        MAX_TOOL_ROUNDS: '3',
        MAX_OUTPUT_TOKENS: '512',
        TOOL_TIMEOUT_MS: '2000',
        TOOL_RESULT_MAX_CHARS: '4000',
        APPROVAL_TTL_MS: '60000',
        CHAT_TURN_TIMEOUT_MS: '30000',
        TURN_TEXT_COALESCE_MS: '0',
      }),
    ).toEqual({
      ...TURN_LIMITS,
      maxRounds: 3,
      maxTokens: 512,
      toolTimeoutMs: 2_000,
      resultBudgetChars: 4_000,
      approvalTtlMs: 60_000,
      maxTurnDurationMs: 30_000,
      textCoalesceMs: 0,
    });
  });

  it.each([
    [{ MAX_TOOL_ROUNDS: '0' }, 'MAX_TOOL_ROUNDS'],
    [{ MAX_OUTPUT_TOKENS: 'many' }, 'MAX_OUTPUT_TOKENS'],
    [{ TOOL_TIMEOUT_MS: '10' }, 'TOOL_TIMEOUT_MS'],
    [{ CHAT_TURN_TIMEOUT_MS: '999999999' }, 'CHAT_TURN_TIMEOUT_MS'],
    [{ TURN_TEXT_COALESCE_MS: '-1' }, 'TURN_TEXT_COALESCE_MS'],
  ])('stops on %o, naming the variable', (env, variable) => {
    expect(() => loadTurnLimits(env)).toThrow(new RegExp(`^${variable} `));
  });
});
