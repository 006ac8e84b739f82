import { describe, expect, it } from 'vitest';
import { feedbackTermBoosts } from '../src/search/feedback-terms.ts';
import { SearchIndex } from '../src/search/search-index.ts';

const SETTINGS = { passages: 2, terms: 2, weight: 0.3 };

describe('pseudo-relevance feedback', () => {
  it('adds the words the leading passages share, below the weight of any original term', () => {
    const boosts = feedbackTermBoosts(
      ['refund'],
      [
        { terms: ['refund', 'card', 'day', 'card'], score: 9 },
        { terms: ['refund', 'card', 'bank'], score: 8 },
        { terms: ['voucher', 'voucher', 'voucher'], score: 1 },
      ],
      SETTINGS,
    );
    expect(boosts.get('refund')).toBe(1);
    expect(boosts.get('card')).toBe(0.3);
    expect([...boosts.keys()]).toHaveLength(3);
    // Only the two best passages are read: the third's word never joins the query.
    expect(boosts.has('voucher')).toBe(false);
    expect(boosts.get([...boosts.keys()][2] as string)).toBeLessThan(0.3);
  });

  it('leaves the query alone when switched off or when nothing ranked', () => {
    const ranked = [{ terms: ['refund', 'card'], score: 3 }];
    expect(feedbackTermBoosts(['refund'], ranked, { ...SETTINGS, terms: 0 })).toEqual(new Map([['refund', 1]]));
    expect(feedbackTermBoosts(['refund'], [], SETTINGS)).toEqual(new Map([['refund', 1]]));
  });

  it('lets a search find a passage that shares the leading passages’ words but not the query’s', () => {
    const documents = [
      { id: 'a', title: 'Refunds', text: 'Refunds go back to the card used to pay, within five days.' },
      { id: 'b', title: 'Refund timing', text: 'A refund reaches the card in five days.' },
      { id: 'c', title: 'Card payments', text: 'Paying by card: money returns to the card in five days.' },
      { id: 'd', title: 'Gift wrapping', text: 'We wrap gifts in recycled paper.' },
    ];
    const plain = new SearchIndex({ feedbackPassages: 0 });
    const withFeedback = new SearchIndex({ feedbackPassages: 2, feedbackTerms: 5, feedbackWeight: 0.5 });
    for (const document of documents) {
      plain.upsert(document);
      withFeedback.upsert(document);
    }
    expect(plain.search('refund').map((hit) => hit.id)).not.toContain('c');
    expect(withFeedback.search('refund').map((hit) => hit.id)).toContain('c');
    expect(withFeedback.search('refund').map((hit) => hit.id)).not.toContain('d');
  });
});
