import type { Tool } from '@modelcontextprotocol/client';
import { SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/catalogue/backoff-delay.ts';
import { mayRepeatRequest } from '../../src/catalogue/classify-mcp-failure.ts';
import { hashToolList } from '../../src/catalogue/hash-tool-list.ts';
import { ToolUnavailableError } from '../../src/index.ts';

describe('backoffDelay', () => {
  const options = { initialDelayMs: 500, maxDelayMs: 30_000 };

  it('doubles from the initial delay up to the ceiling', () => {
    const middle = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => backoffDelay(attempt, options, middle))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('spreads each delay by ±20 % and never passes the ceiling', () => {
    expect(backoffDelay(1, options, () => 0)).toBe(400);
    expect(backoffDelay(1, options, () => 0.999_999)).toBe(600);
    expect(backoffDelay(10, options, () => 0.999_999)).toBe(30_000);
  });
});

describe('hashToolList', () => {
  const tool = (name: string, description: string): Tool => ({
    name,
    description,
    inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
  });

  it('ignores the order of tools and of object keys', () => {
    const reordered: Tool = {
      inputSchema: { required: ['q'], properties: { q: { type: 'string' } }, type: 'object' },
      description: 'B',
      name: 'b',
    };

    expect(hashToolList([tool('a', 'A'), tool('b', 'B')])).toBe(hashToolList([reordered, tool('a', 'A')]));
  });

  it('changes with anything the model reads', () => {
    const base = hashToolList([tool('a', 'A')]);

    expect(hashToolList([tool('a', 'A, better')])).not.toBe(base);
    expect(hashToolList([tool('a', 'A'), tool('b', 'B')])).not.toBe(base);
    expect(hashToolList([])).not.toBe(base);
  });
});

describe('ToolUnavailableError', () => {
  it('pins the wire-visible codes, their retryability and safe messages', () => {
    const cases = [
      ['server_unavailable', true],
      ['tool_not_found', false],
      ['timeout', true],
      ['cancelled', false],
      ['server_rejected', false],
      ['protocol_error', false],
      ['identity_unavailable', false],
    ] as const;
    for (const [code, retryable] of cases) {
      const error = new ToolUnavailableError(code, {
        server: 'orders',
        tool: 'get_order',
        cause: new Error('ECONNREFUSED 10.0.0.7'),
      });
      expect(error).toMatchObject({ name: 'ToolUnavailableError', code, isRetryable: retryable });
      expect(error.message).toContain('get_order');
      expect(error.message).not.toContain('10.0.0.7');
    }
  });
});

describe('mayRepeatRequest', () => {
  const network = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

  it('repeats any request whose connection was refused: nothing was delivered', () => {
    expect(mayRepeatRequest(network('ECONNREFUSED'), false)).toBe(true);
  });

  it('repeats a dropped request only when repeating is harmless', () => {
    expect(mayRepeatRequest(network('UND_ERR_SOCKET'), true)).toBe(true);
    expect(mayRepeatRequest(network('ECONNRESET'), true)).toBe(true);
    expect(mayRepeatRequest(network('ECONNRESET'), false)).toBe(false);
  });

  it('never repeats an answer, a timeout or an unknown failure', () => {
    expect(mayRepeatRequest(new SdkError(SdkErrorCode.RequestTimeout, 'late'), true)).toBe(false);
    expect(mayRepeatRequest(network('ENOTFOUND'), true)).toBe(false);
    expect(mayRepeatRequest(new Error('odd'), true)).toBe(false);
  });
});
