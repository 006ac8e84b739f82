import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../src/search/analyzer.ts';
import { tokenize } from '../src/search/tokenize.ts';

const analyzer = createAnalyzer();

describe('tokenize', () => {
  it('keeps offsets into the original text, even for accented words', () => {
    const text = 'Déjà vu, «naïve» café';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(['deja', 'vu', 'naive', 'cafe']);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Déjà', 'vu', 'naïve', 'café']);
  });

  it('folds decomposed accents (NFD input) the same as precomposed ones', () => {
    expect(tokenize('cafe\u0301').map((t) => t.text)).toEqual(['cafe']);
  });

  it('splits at hyphens and slashes, keeps decimals and drops possessives', () => {
    expect(tokenize("IL-6 rose 1.5-fold in the customer's ischaemia/reperfusion 3,000").map((t) => t.text)).toEqual([
      'il',
      '6',
      'rose',
      '1.5',
      'fold',
      'in',
      'the',
      'customer',
      'ischaemia',
      'reperfusion',
      '3000',
    ]);
  });

  it('treats letters of any script as words and punctuation as nothing', () => {
    expect(tokenize('Größe → 東京 !!! ...').map((t) => t.text)).toEqual(['große', '東京']);
  });
});

describe('createAnalyzer', () => {
  it('drops stopwords, including question words and auxiliaries, so a question becomes its content words', () => {
    expect(analyzer.terms('How do I return a gift?')).toEqual(['return', 'gift']);
    expect(analyzer.terms('How long does delivery to Norway take?')).toEqual(['long', 'deliveri', 'norwai', 'take']);
  });

  it('folds stopwords like text, so contractions are dropped whatever the apostrophe', () => {
    expect(analyzer.terms("It doesn't arrive, it DOESN’T")).toEqual(['arriv']);
  });

  it('stems inflected forms to one term', () => {
    const [returns, returned, returning] = ['returns', 'Returned', 'returning'].map((w) => analyzer.terms(w));
    expect(returns).toEqual(returned);
    expect(returning).toEqual(returned);
    expect(analyzer.terms('shipping shipped ships')).toEqual(['ship', 'ship', 'ship']);
  });

  it('marks stopwords as null in tokens, with offsets, for highlighting', () => {
    expect(analyzer.tokens('the Refunds')).toEqual([
      { term: null, start: 0, end: 3 },
      { term: 'refund', start: 4, end: 11 },
    ]);
  });

  it('takes a custom stopword list and stemmer', () => {
    const custom = createAnalyzer({ stopwords: ['gift'], stem: (word) => word.toUpperCase() });
    expect(custom.terms('How do I return a gift?')).toEqual(['HOW', 'DO', 'I', 'RETURN', 'A']);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(analyzer.terms('')).toEqual([]);
    expect(analyzer.terms(' ?! -- ')).toEqual([]);
  });
});
