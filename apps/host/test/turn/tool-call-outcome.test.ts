import { describe, expect, it } from 'vitest';
import { reportToolCall, type ToolCallOutcome } from '../../src/turn/tool-call-outcome.ts';

const approval = {
  approvalId: 'ap_1',
  toolCallId: 'call_1',
  toolName: 'cancel_order',
  input: { order_id: 'A-1042' },
  inputHash: 'h',
  expiresAt: 1,
  summary: 'Cancel order A-1042',
};

describe('what each tool-call outcome shows the browser and tells the model', () => {
  it('a call awaiting approval shows the card and gives the model no result yet', () => {
    const report = reportToolCall({ kind: 'awaiting-approval', toolCallId: 'call_1', approval }, 1_000);
    expect(report.chunk).toEqual({
      type: 'tool-approval-request',
      approvalId: 'ap_1',
      toolCallId: 'call_1',
      reason: 'Cancel order A-1042',
    });
    expect(report.block).toBeUndefined();
  });

  it('a declined call is shown as denied and tells the model it was not done', () => {
    const report = reportToolCall({ kind: 'declined', toolCallId: 'call_1', reason: 'not done' }, 1_000);
    expect(report.chunk).toEqual({ type: 'tool-output-denied', toolCallId: 'call_1' });
    expect(report.block).toMatchObject({ tool_use_id: 'call_1', content: 'not done', is_error: true });
  });

  it.each<ToolCallOutcome>([
    { kind: 'tool-error', toolCallId: 'call_1', result: { isError: true, content: [{ type: 'text', text: 'no' }] } },
    { kind: 'refused', toolCallId: 'call_1', result: { isError: true, content: [{ type: 'text', text: 'no' }] } },
    { kind: 'unavailable', toolCallId: 'call_1', message: 'no' },
  ])('$kind: the browser and the model read the same error', (outcome) => {
    const report = reportToolCall(outcome, 1_000);
    expect(report.chunk).toEqual({ type: 'tool-output-error', toolCallId: 'call_1', errorText: 'no' });
    expect(report.block).toMatchObject({ tool_use_id: 'call_1', content: 'no', is_error: true });
  });

  it('a call that ran shows its structured output and gives the model the result within the budget', () => {
    const report = reportToolCall(
      { kind: 'ran', toolCallId: 'call_1', result: { structuredContent: { note: 'x'.repeat(500) } } },
      100,
    );
    expect(report.chunk).toEqual({
      type: 'tool-output-available',
      toolCallId: 'call_1',
      output: { note: 'x'.repeat(500) },
    });
    expect(String(report.block?.content).length).toBeLessThanOrEqual(100);
    expect(report.block?.is_error).toBeUndefined();
  });

  it('an unknown tool is named to the model', () => {
    const report = reportToolCall({ kind: 'unknown-tool', toolCallId: 'call_1', toolName: 'nope' }, 1_000);
    expect(report.block?.content).toBe('There is no tool named nope.');
  });
});
