import { describe, expect, it } from 'vitest';
import { normalizeColour } from '../src/catalogue/normalize-colour.ts';
import { normalizeSize } from '../src/catalogue/normalize-size.ts';
import { textStems } from '../src/search/content-stems.ts';
import { expandSynonyms } from '../src/search/expand-synonyms.ts';
import { extractQueryFilters } from '../src/search/extract-query-filters.ts';
import { foldWords } from '../src/search/fold-words.ts';
import { osaDistance } from '../src/search/osa-distance.ts';
import { createSpellingCorrector } from '../src/search/spelling-corrector.ts';

describe('the analyzer', () => {
  it('folds case, accents, width and possessives, and splits on hyphens', () => {
    expect(foldWords("Men's Zip-Off TROUSERS, Kids' Café ＵＬ 0.75 L")).toEqual([
      'men',
      'zip',
      'off',
      'trousers',
      'kids',
      'cafe',
      'ul',
      '0.75',
      'l',
    ]);
  });

  it('stems, drops chat filler, and keeps synthetic leather apart from leather', () => {
    expect(textStems('Do you have any hiking boots in stock?')).toEqual(['hike', 'boot']);
    expect(textStems('synthetic leather boots')).toEqual(['syntheticleath', 'boot']);
    expect(textStems('leather boots')).toEqual(['leather', 'boot']);
  });

  it('turns shop words into clauses whose alternatives are the synonyms', () => {
    const [clause] = expandSynonyms(textStems('wellies'));
    const phrases = clause?.clause.alternatives.map((alternative) => alternative.terms[0]);
    expect(phrases).toEqual(expect.arrayContaining(['welli', 'rain', 'rubber']));
    const spans = expandSynonyms(textStems('red rain jacket'));
    expect(spans.map((span) => [span.start, span.end])).toEqual([
      [0, 1],
      [1, 3],
    ]);
    const own = spans[1]?.clause.alternatives[0];
    expect(own).toEqual({ terms: ['rain', 'jacket', 'rain_jacket'], weight: 1 });
  });
});

describe('typo tolerance', () => {
  it('counts a swap of two letters as one edit', () => {
    expect(osaDistance('sokcs', 'socks', 2)).toBe(1);
    expect(osaDistance('tnet', 'tent', 2)).toBe(1);
    expect(osaDistance('hikng', 'hiking', 2)).toBe(1);
    expect(osaDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('corrects unknown words to catalogue words and splits run-together ones', () => {
    const vocabulary = new Map(
      ['rain', 'jacket', 'socks', 'tent', 'sleeping', 'hiking', 'fleece', 'ten'].map((word) => [word, 5]),
    );
    const corrector = createSpellingCorrector(vocabulary);
    expect(corrector.correct('sokcs')).toEqual(['socks']);
    expect(corrector.correct('tnet')).toEqual(['tent']);
    expect(corrector.correct('sleping')).toEqual(['sleeping']);
    expect(corrector.correct('rainjaket')).toEqual(['rain', 'jacket']);
    // Known words, numbers, short words and hopeless words are left alone.
    expect(corrector.correct('tent')).toBeNull();
    expect(corrector.correct('44')).toBeNull();
    expect(corrector.correct('tne')).toBeNull();
    expect(corrector.correct('asdfgh')).toBeNull();
  });
});

describe('filters stated in words', () => {
  it.each([
    ['Do you have waterproof hiking boots in size 44 under 150 euros?', { size: '44', maxPriceMinor: 15000 }],
    ['Is the rain jacket in medium in stock?', { size: 'M' }],
    ['hiking boots over €150', { minPriceMinor: 15000 }],
    ['fleece between 50 and 80 euros', { minPriceMinor: 5000, maxPriceMinor: 8000 }],
    ['boots under 99.95', { maxPriceMinor: 9995 }],
    ['sleeping bag under 2 kg', {}],
    ['rucksack 30 litres', {}],
    ['tent for 2 people', {}],
  ])('%s', (query, expected) => {
    const { text, ...filters } = extractQueryFilters(query);
    expect(filters).toEqual(expected);
    expect(text).not.toMatch(/€|euros|size 44|medium/);
  });

  it('normalises sizes and colours as customers write them', () => {
    expect(['medium', 'M', ' m ', 'EU 44', 'size 44', '28l', 'One size', 'extra large'].map(normalizeSize)).toEqual([
      'M',
      'M',
      'M',
      '44',
      '44',
      '28 L',
      'ONE-SIZE',
      'XL',
    ]);
    expect(['Gray', ' Forest  Green ', 'RED'].map(normalizeColour)).toEqual(['grey', 'forest green', 'red']);
  });
});
