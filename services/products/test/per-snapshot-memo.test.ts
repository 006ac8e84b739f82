import { describe, expect, it } from 'vitest';
import { CatalogueSnapshot } from '../src/catalogue/catalogue-snapshot.ts';
import { PerSnapshotMemo } from '../src/catalogue/per-snapshot-memo.ts';

const snapshot = (version: number) => new CatalogueSnapshot(version, [], []);

describe('PerSnapshotMemo', () => {
  it('remembers a value for its snapshot and forgets every value once a newer snapshot is asked about', async () => {
    const memo = new PerSnapshotMemo<{ n: number }>(10);
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    const first = snapshot(1);
    expect(await memo.get(first, 'a', compute)).toEqual({ n: 1 });
    expect(await memo.get(first, 'a', compute)).toEqual({ n: 1 });
    expect(await memo.get(first, 'b', compute)).toEqual({ n: 2 });

    const second = snapshot(2);
    expect(await memo.get(second, 'a', compute)).toEqual({ n: 3 });
    // A call still holding the older snapshot computes afresh and leaves the newer values alone.
    expect(await memo.get(first, 'a', compute)).toEqual({ n: 4 });
    expect(await memo.get(second, 'a', compute)).toEqual({ n: 3 });
  });

  it('hands out frozen values, so one caller cannot change what the next one gets', async () => {
    const memo = new PerSnapshotMemo<{ cards: { price: number }[] }>(10);
    const value = await memo.get(snapshot(1), 'a', async () => ({ cards: [{ price: 5 }] }));
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.cards[0])).toBe(true);
  });

  it('does not remember a failed computation', async () => {
    const memo = new PerSnapshotMemo<{ n: number }>(10);
    const at = snapshot(1);
    await expect(memo.get(at, 'a', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await memo.get(at, 'a', async () => ({ n: 1 }))).toEqual({ n: 1 });
  });
});
