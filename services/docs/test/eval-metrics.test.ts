import { describe, expect, it } from 'vitest';
import { meanOverJudged } from '../src/eval/mean-over-judged.ts';
import { ndcgAt } from '../src/eval/ndcg.ts';
import { percentile } from '../src/eval/percentile.ts';
import { parseQrels } from '../src/eval/qrels.ts';
import { recallAt } from '../src/eval/recall.ts';
import { formatRunLine } from '../src/eval/trec-run.ts';

const judged = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('ndcgAt', () => {
  it('is 1 for the ideal ranking and 0 when nothing relevant is retrieved', () => {
    expect(ndcgAt(10, ['a', 'b'], judged({ a: 1, b: 1 }))).toBe(1);
    expect(ndcgAt(10, ['x', 'y'], judged({ a: 1 }))).toBe(0);
  });

  it('discounts by 1/log2(rank + 1): one relevant document at rank 2', () => {
    // DCG = 1/log2(3); IDCG = 1/log2(2) = 1.
    expect(ndcgAt(10, ['x', 'a'], judged({ a: 1 }))).toBeCloseTo(1 / Math.log2(3), 12);
  });

  it('uses linear graded gains and the ideal DCG from the judgments, not from the run', () => {
    // Judged: a=2, b=1, c=1 (c never retrieved). Run: b, a.
    // DCG  = 1/log2(2) + 2/log2(3)                    = 1 + 1.26186 = 2.26186
    // IDCG = 2/log2(2) + 1/log2(3) + 1/log2(4)        = 2 + 0.63093 + 0.5 = 3.13093
    const value = ndcgAt(10, ['b', 'a'], judged({ a: 2, b: 1, c: 1 }));
    expect(value).toBeCloseTo((1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3) + 0.5), 12);
    expect(value).toBeCloseTo(0.72242, 5);
  });

  it('cuts at k on both sides and ignores zero grades and duplicates', () => {
    expect(ndcgAt(1, ['x', 'a'], judged({ a: 1 }))).toBe(0);
    expect(ndcgAt(10, ['a', 'a'], judged({ a: 1, z: 0 }))).toBe(1);
    expect(ndcgAt(10, ['a'], judged({ z: 0 }))).toBe(0);
  });
});

describe('recallAt', () => {
  it('is the share of relevant documents in the top k', () => {
    expect(recallAt(100, ['a', 'x', 'c'], judged({ a: 1, b: 1, c: 2, z: 0 }))).toBeCloseTo(2 / 3, 12);
    expect(recallAt(1, ['x', 'a'], judged({ a: 1 }))).toBe(0);
    expect(recallAt(100, [], judged({ z: 0 }))).toBe(0);
  });
});

describe('meanOverJudged', () => {
  it('averages over judged queries, counting a judged query missing from the run as 0', () => {
    const qrels = new Map([
      ['q1', judged({ a: 1 })],
      ['q2', judged({ b: 1 })],
      ['q3', judged({ c: 0 })], // no relevant document: not averaged
    ]);
    const run = new Map([
      ['q1', ['a']],
      ['q9', ['a']], // not judged: ignored
    ]);
    expect(meanOverJudged(run, qrels, (r, j) => ndcgAt(10, r, j))).toEqual({ mean: 0.5, queries: 2 });
  });
});

describe('parseQrels', () => {
  it('reads BEIR TSV with a header line', () => {
    const qrels = parseQrels('query-id\tcorpus-id\tscore\n1\tdocA\t1\n1\tdocB\t2\n\n2\tdocC\t0\n');
    expect(qrels.get('1')).toEqual(judged({ docA: 1, docB: 2 }));
    expect(qrels.get('2')).toEqual(judged({ docC: 0 }));
  });

  it('names the line of a malformed judgment', () => {
    expect(() => parseQrels('query-id\tcorpus-id\tscore\n1\tdocA\n')).toThrow(/line 2/);
    expect(() => parseQrels('1\tdocA\thigh\n')).toThrow(/line 1/);
  });
});

describe('percentile', () => {
  it('uses the nearest rank, so the value was observed', () => {
    const sample = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(sample, 95)).toBe(19);
    expect(percentile(sample, 50)).toBe(10);
    expect(percentile(sample, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });
});

describe('formatRunLine', () => {
  it('writes the six TREC columns and refuses ids with spaces', () => {
    expect(formatRunLine('q1', 'd1', 1, 12.3456789, 'tag')).toBe('q1 Q0 d1 1 12.345679 tag');
    expect(() => formatRunLine('q 1', 'd1', 1, 1, 'tag')).toThrow(/query id/);
  });
});
