import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../src/search/analyzer.ts';
import { escapeHtml } from '../src/search/escape-html.ts';
import { makeSnippet } from '../src/search/make-snippet.ts';

const analyzer = createAnalyzer();
const terms = (query: string) => new Set(analyzer.terms(query));

describe('makeSnippet', () => {
  it('escapes document text so only our <mark> is markup', () => {
    const text = 'Refunds <script>alert("x")</script> & returns in 5 days';
    const snippet = makeSnippet(text, terms('refund'), analyzer);
    expect(snippet).toBe(
      '<mark>Refunds</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; returns in 5 days',
    );
    expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
  });

  it('escapes a matched word itself', () => {
    expect(makeSnippet("O'Brien's <returns>", terms('returns'), analyzer)).toBe(
      'O&#39;Brien&#39;s &lt;<mark>returns</mark>&gt;',
    );
  });

  it('marks inflected forms through the analyzer, never stopwords', () => {
    expect(makeSnippet('The item was returned and the return shipped', terms('the returns'), analyzer)).toBe(
      'The item was <mark>returned</mark> and the <mark>return</mark> shipped',
    );
  });

  it('cuts a long text around the densest window, at word boundaries, with ellipses', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(20);
    const text = `${filler}the gift receipt is needed to return a gift. ${filler}`;
    const snippet = makeSnippet(text, terms('gift receipt'), analyzer, { maxChars: 80 });
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<mark>gift</mark> <mark>receipt</mark>');
    expect(snippet.replace(/<\/?mark>|…/g, '').length).toBeLessThanOrEqual(80);
    expect(snippet).not.toMatch(/…\S*[a-z]…/); // sanity: cut between words
  });

  it('starts at the beginning when nothing matches', () => {
    const snippet = makeSnippet('a b c d e f g h i j k l m n o p', terms('zebra'), analyzer, { maxChars: 20 });
    expect(snippet).toBe('a b c d e f g h i j…');
  });
});

describe('escapeHtml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
