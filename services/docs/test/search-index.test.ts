import { describe, expect, it } from 'vitest';
import type { SearchDocument } from '../src/search/search-document.ts';
import { MAX_LIMIT, SearchIndex } from '../src/search/search-index.ts';

/** A tiny help center: enough documents that IDF means something, small enough to reason about. */
const ARTICLES: SearchDocument[] = [
  {
    id: 'returning-a-gift',
    title: 'Returning a gift',
    text: 'A gift can be returned within 30 days.\n\n## Without a receipt\nWe refund gifts without a receipt as store credit.\n\n## Exchanges\nSwap a gift for another size.',
  },
  {
    id: 'shipping-norway',
    title: 'Shipping to Norway',
    text: 'Delivery to Norway takes 3 to 5 business days.\n\n## Costs\nShipping to Norway costs 9.95 EUR.',
  },
  {
    id: 'password-reset',
    title: 'Password reset',
    text: 'Forgot your password? Use the reset link on the sign-in page. The link is valid for one hour.',
  },
  {
    id: 'gift-cards',
    title: 'Gift cards',
    text: 'Gift cards never expire. You can pay with several cards in one order.',
  },
  {
    id: 'order-status',
    title: 'Order status',
    text: 'Your order is dispatched the same day. You get an email with a tracking link when it ships.',
  },
  {
    id: 'care-guide',
    title: 'Jacket care',
    text: 'Wash the jacket cold and tumble dry. A receipt is not needed for repairs of a jacket.',
  },
];

/**
 * These tests pin the first ranking (BM25, typos, updates), so feedback, which widens a query with the
 * leading passages' words, is off unless a test turns it on; test/feedback-terms.test.ts covers it.
 */
function indexOf(docs: SearchDocument[] = ARTICLES, options?: ConstructorParameters<typeof SearchIndex>[0]) {
  const index = new SearchIndex({ feedbackPassages: 0, ...options });
  for (const doc of docs) index.upsert(doc);
  return index;
}

const ids = (index: SearchIndex, query: string) => index.search(query, { snippets: false }).map((hit) => hit.id);

describe('SearchIndex ranking', () => {
  it('finds the article that answers a question, with its best section and anchor', () => {
    const [top] = indexOf().search('Can I return a gift without the receipt?');
    expect(top).toMatchObject({ id: 'returning-a-gift', heading: 'Without a receipt', anchor: 'without-a-receipt' });
    expect(top?.score).toBeGreaterThan(0);
  });

  it('returns each document once, best first, with decreasing scores', () => {
    const hits = indexOf().search('gift receipt jacket', { snippets: false });
    expect(new Set(hits.map((hit) => hit.id)).size).toBe(hits.length);
    for (let i = 1; i < hits.length; i += 1) expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
  });

  it('matches inflected forms through stemming', () => {
    expect(ids(indexOf(), 'refunding')[0]).toBe('returning-a-gift');
    expect(ids(indexOf(), 'ships')).toContain('order-status');
  });

  it('boosts a title match over the same word in the body of an equally long document', () => {
    const index = indexOf([
      ...ARTICLES,
      { id: 'in-title', title: 'Lantern batteries', text: 'Which cells fit and how long they last outdoors.' },
      { id: 'in-body', title: 'Camping lights', text: 'Which lantern batteries fit and how long they last.' },
    ]);
    expect(ids(index, 'lantern')).toEqual(['in-title', 'in-body']);
    const flat = indexOf(
      [
        { id: 'in-title', title: 'Lantern batteries', text: 'Which cells fit and how long they last outdoors.' },
        { id: 'in-body', title: 'Camping lights', text: 'Which lantern batteries fit and how long they last.' },
      ],
      { titleBoost: 0 },
    );
    const [a, b] = flat.search('lantern', { snippets: false });
    expect(a?.score).toBeCloseTo(b?.score ?? 0, 10);
  });

  it('scores like plain BM25: a query scores the sum of its words, each word counted once', () => {
    const index = indexOf();
    const score = (query: string) =>
      index.search(query, { snippets: false }).find((h) => h.id === 'shipping-norway')?.score ?? 0;
    // MiniSearch alone would multiply by the number of matched words (2 here); SearchIndex undoes that.
    expect(score('norway costs')).toBeCloseTo(score('norway') + score('costs'), 10);
    expect(score('norway norway costs')).toBeCloseTo(score('norway costs'), 10);
  });

  it('tolerates a typo in a word the index does not know, but never fuzzes a known word', () => {
    expect(ids(indexOf(), 'pasword')[0]).toBe('password-reset');
    expect(ids(indexOf(), 'norwey')[0]).toBe('shipping-norway');
    expect(ids(indexOf(undefined, { fuzzyUnknownTerms: 0 }), 'pasword')).toEqual([]);
    // "cards" is known: "card" matches, "cares"-like neighbours do not leak in through fuzziness.
    expect(ids(indexOf(), 'cards')).toEqual(['gift-cards']);
  });

  it('returns nothing for an empty or stopword-only query, or an empty index', () => {
    expect(indexOf().search('')).toEqual([]);
    expect(indexOf().search('how do I do it?')).toEqual([]);
    expect(new SearchIndex().search('gift')).toEqual([]);
  });

  it('honours the limit and rejects a bad one', () => {
    expect(indexOf().search('gift', { limit: 1 })).toHaveLength(1);
    expect(() => indexOf().search('gift', { limit: 0 })).toThrow(RangeError);
    expect(() => indexOf().search('gift', { limit: MAX_LIMIT + 1 })).toThrow(/limit/);
  });

  it('rejects a bad setting at construction, naming it', () => {
    expect(() => new SearchIndex({ k1: -1 })).toThrow(/k1/);
    expect(() => new SearchIndex({ b: 2 })).toThrow(/\bb\b/);
  });

  it('gives each hit an HTML-safe snippet with the matched words marked', () => {
    const index = indexOf([
      { id: 'x', title: 'Small refunds', text: 'If 1 < 2 & "refund" <img src=x onerror=alert(1)>applies' },
    ]);
    const [hit] = index.search('refund');
    // Inline HTML in an article is not text a reader sees: it is dropped, and the rest is escaped.
    expect(hit?.snippet).toBe('If 1 &lt; 2 &amp; &quot;<mark>refund</mark>&quot; applies');
    expect(hit?.snippet?.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('SearchIndex updates', () => {
  it('adds, updates and removes documents by id', () => {
    const index = indexOf();
    expect(index.upsert({ id: 'lisbon', title: 'Lisbon store', text: 'The Lisbon kiosk opens at nine.' })).toBe(
      'added',
    );
    expect(ids(index, 'lisbon kiosk')).toEqual(['lisbon']);
    expect(index.upsert({ id: 'lisbon', title: 'Porto store', text: 'The Porto kiosk opens at ten.' })).toBe('updated');
    expect(ids(index, 'lisbon')).toEqual([]);
    expect(ids(index, 'porto kiosk')).toEqual(['lisbon']);
    expect(index.documentCount).toBe(ARTICLES.length + 1);
    expect(index.remove('lisbon')).toBe(true);
    expect(index.remove('lisbon')).toBe(false);
    expect(ids(index, 'porto kiosk')).toEqual([]);
    expect(index.has('lisbon')).toBe(false);
    expect(index.documentCount).toBe(ARTICLES.length);
  });

  it('is idempotent: re-adding the same document changes nothing, not even a score', () => {
    const index = indexOf();
    const before = index.search('gift receipt norway password');
    const passages = index.passageCount;
    for (const doc of ARTICLES) expect(index.upsert({ ...doc })).toBe('unchanged');
    expect(index.search('gift receipt norway password')).toEqual(before);
    expect(index.passageCount).toBe(passages);
  });

  it('leaves the same ranking after an update and its revert as a fresh index', () => {
    const index = indexOf();
    const original = ARTICLES[0] as SearchDocument;
    index.upsert({ ...original, text: 'Completely different words about tents.' });
    index.upsert(original);
    expect(index.search('gift receipt store credit')).toEqual(indexOf().search('gift receipt store credit'));
  });

  it('rejects a malformed document and keeps the index as it was', () => {
    const index = indexOf();
    expect(() => index.upsert({ id: '', title: 'x', text: 'y' })).toThrow();
    expect(() => index.upsert({ id: 'x', title: 'x' } as SearchDocument)).toThrow();
    expect(index.documentCount).toBe(ARTICLES.length);
  });

  it('indexes pre-split sections', () => {
    const index = indexOf([
      {
        id: 'warranty',
        title: 'Warranty',
        text: 'Two years on everything.',
        sections: [{ heading: 'Zippers', anchor: 'zip', text: 'Broken zippers are repaired for free.' }],
      },
    ]);
    expect(index.search('zipper broke')[0]).toMatchObject({ id: 'warranty', heading: 'Zippers', anchor: 'zip' });
  });
});
