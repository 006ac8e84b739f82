import { describe, expect, it } from 'vitest';
import { headingAnchor } from '../src/search/heading-anchor.ts';
import { markdownToPlainText } from '../src/search/markdown-to-plain-text.ts';
import { splitPassages } from '../src/search/split-passages.ts';

describe('splitPassages', () => {
  it('splits Markdown at headings and keeps the lead before the first one', () => {
    const passages = splitPassages({
      id: 'returns',
      title: 'Returns',
      text: 'You can return most items.\n\n## How to return a gift\nUse the gift receipt.\n\n### Refund timing\nFive days.',
    });
    expect(passages).toEqual([
      { docId: 'returns', heading: null, anchor: null, text: 'You can return most items.' },
      {
        docId: 'returns',
        heading: 'How to return a gift',
        anchor: 'how-to-return-a-gift',
        text: 'Use the gift receipt.',
      },
      { docId: 'returns', heading: 'Refund timing', anchor: 'refund-timing', text: 'Five days.' },
    ]);
  });

  it('ignores # lines inside fenced code and strips closing hashes', () => {
    const passages = splitPassages({
      id: 'api',
      title: 'API',
      text: '# Setup ##\n```sh\n# not a heading\n```\n# Use\nCall it.',
    });
    expect(passages.map((p) => p.heading)).toEqual(['Setup', 'Use']);
    expect(passages[0]?.text).toBe('# not a heading');
  });

  it('gives repeated headings distinct anchors', () => {
    const passages = splitPassages({ id: 'faq', title: 'FAQ', text: '## Q&A\na\n## Q&A\nb' });
    expect(passages.map((p) => p.anchor)).toEqual(['qa', 'qa-1']);
  });

  it('uses given sections as they are, with text as the lead', () => {
    const passages = splitPassages({
      id: 'ship',
      title: 'Shipping',
      text: '',
      sections: [
        { heading: 'Costs', anchor: 'shipping-costs', text: 'Free over 50 EUR.' },
        { heading: 'Times', text: '2 days.' },
      ],
    });
    expect(passages.map((p) => [p.heading, p.anchor])).toEqual([
      ['Costs', 'shipping-costs'],
      ['Times', 'times'],
    ]);
  });

  it('yields one passage for a document without headings, and one even for an empty document', () => {
    expect(splitPassages({ id: '1', title: 'T', text: 'Just an abstract.' })).toHaveLength(1);
    expect(splitPassages({ id: '2', title: 'T', text: '' })).toEqual([
      { docId: '2', heading: null, anchor: null, text: '' },
    ]);
  });
});

describe('headingAnchor', () => {
  it('makes GitHub-style fragments', () => {
    const taken = new Set<string>();
    expect(headingAnchor('Returns & Refunds', taken)).toBe('returns--refunds');
    expect(headingAnchor('Returns & Refunds', taken)).toBe('returns--refunds-1');
    expect(headingAnchor('Größe wählen', taken)).toBe('größe-wählen');
    expect(headingAnchor('???', taken)).toBe('section');
  });
});

describe('markdownToPlainText', () => {
  it('keeps the words a reader sees and drops link targets and markup', () => {
    expect(
      markdownToPlainText(
        '> **Note:** see [the form](https://shop.example/form) or ![logo](x.png) <b>now</b>\n- `code` item',
      ),
    ).toBe('Note: see the form or logo now\ncode item');
  });
});
