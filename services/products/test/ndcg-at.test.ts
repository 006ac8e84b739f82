import { describe, expect, it } from 'vitest';
import { ndcgAt } from '../bench/ndcg-at.ts';

describe('ndcgAt', () => {
  it('matches a hand-computed example', () => {
    // Judged: a=2, b=1, c=2. Ranked: b, x, a (x unjudged).
    // DCG  = 1/log2(2) + 0/log2(3) + 2/log2(4) = 1 + 0 + 1 = 2
    // IDCG = 2/log2(2) + 2/log2(3) + 1/log2(4) = 2 + 1.2618595 + 0.5 = 3.7618595
    const judged = { a: 2, b: 1, c: 2 };
    expect(ndcgAt(10, ['b', 'x', 'a'], judged)).toBeCloseTo(2 / 3.7618595, 6);
    expect(ndcgAt(10, ['b', 'x', 'a'], judged)).toBeCloseTo(0.53165, 4);
  });

  it('is 1 for the ideal order and 0 when nothing relevant is found', () => {
    expect(ndcgAt(10, ['a', 'c', 'b'], { a: 2, b: 1, c: 2 })).toBe(1);
    expect(ndcgAt(10, ['x', 'y'], { a: 2 })).toBe(0);
    expect(ndcgAt(10, [], {})).toBe(0);
  });

  it('cuts the ranking and the ideal at k, and counts a repeated id once', () => {
    // k = 1: only the first position counts; the ideal is the best grade alone.
    expect(ndcgAt(1, ['b', 'a'], { a: 2, b: 1 })).toBeCloseTo(0.5, 10);
    expect(ndcgAt(10, ['a', 'a'], { a: 2, b: 2 })).toBeCloseTo(2 / (2 + 2 / Math.log2(3)), 10);
  });
});
