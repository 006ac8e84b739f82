import { afterEach, expect, test, vi } from 'vitest';
import { QuietTimer } from '../src/quiet-timer.ts';

afterEach(() => {
  vi.useRealTimers();
});

test('fires once after the quiet period, counted from the last restart; stop and 0 never fire', () => {
  vi.useFakeTimers();
  const fired: string[] = [];
  const timer = new QuietTimer(120_000, () => fired.push('quiet'));
  timer.restart();
  vi.advanceTimersByTime(100_000);
  timer.restart(); // another answer: the quiet period starts again
  vi.advanceTimersByTime(100_000);
  expect(fired).toEqual([]);
  vi.advanceTimersByTime(20_000);
  expect(fired).toEqual(['quiet']);
  vi.advanceTimersByTime(600_000);
  expect(fired).toEqual(['quiet']);

  timer.restart();
  timer.stop(); // the customer is typing
  vi.advanceTimersByTime(600_000);
  const never = new QuietTimer(0, () => fired.push('never'));
  never.restart();
  vi.advanceTimersByTime(600_000);
  expect(fired).toEqual(['quiet']);
});
