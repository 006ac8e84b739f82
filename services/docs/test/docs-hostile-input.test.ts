import { ERROR_CODE_META_KEY, PREVIEW_META_KEY } from '@shopchat/mcp-service';
import {
  describeFuzzReport,
  type FuzzedTool,
  fuzzServerTools,
  fuzzTestTimeoutMs,
  type ReceivedToolResult,
} from '@shopchat/mcp-service/testing';
import { tableFingerprint, testBackends } from '@shopchat/postgres/testing';
import { describe, expect, it } from 'vitest';
import { serveDocs } from './support/serve-docs.ts';

const backends = await testBackends('services/docs');
const HOSTILE = [
  "' OR '1'='1",
  "return'; DROP TABLE articles; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u0000\u202E\u200B',
  '🦄'.repeat(100),
  'a'.repeat(5_000),
  '(((((((((((',
  '*?+[]{}\\',
  '../../../etc/passwd',
  '',
  '   ',
];
const WRONG = [42, null, true, [], {}, { $ne: 1 }];

describe.each(backends)('docs server under hostile input on $name', (backend) => {
  const { database, docs } = serveDocs(backend);

  it.skipIf(!backend.available)('answers every hostile argument cleanly and changes nothing', async () => {
    const fingerprint = async () =>
      (
        await database.db.query<{ digest: string }>(
          "SELECT md5(string_agg(slug || content_hash, ',' ORDER BY slug)) AS digest FROM articles",
        )
      )[0]?.digest;
    const before = await fingerprint();
    let tried = 0;
    for (const value of [...HOSTILE, ...WRONG]) {
      for (const [name, args] of [
        ['search_docs', { query: value }],
        ['search_docs', { query: 'returns', limit: value }],
        ['get_article', { slug: value }],
        ['get_article', { slug: 'return-policy', section: value }],
        ['search_docs', { query: 'returns', extra: value }],
      ] as const) {
        tried++;
        const result = await docs.client.callTool({ name, arguments: args as Record<string, unknown> });
        const body = JSON.stringify(result);
        expect(body).not.toMatch(/stack|\.ts:\d+|SQLSTATE/);
        // Snippets are HTML-safe whatever the query: only <mark> tags survive.
        for (const snippet of body.matchAll(/"snippet":"((?:[^"\\]|\\.)*)"/g)) {
          expect(snippet[1]).not.toMatch(/<(?!\/?mark>)/);
        }
        if (result.isError)
          expect(result._meta?.[ERROR_CODE_META_KEY]).toMatch(/invalid_arguments|article_not_found|section_not_found/);
      }
    }
    expect(tried).toBeGreaterThan(80);
    expect(await fingerprint()).toBe(before);
    expect(await docs.client.ping()).toEqual({});
  });

  // Property-based: arguments generated from each listed tool's own schema, so a new tool file is covered
  // without a change here.
  it.skipIf(!backend.available)(
    'answers generated calls to every tool cleanly and changes nothing',
    async () => {
      const { tools } = await docs.client.listTools();
      const report = await fuzzServerTools({
        tools: tools as FuzzedTool[],
        callers: [undefined],
        async call(name, args, _caller, preview) {
          const _meta = preview ? { [PREVIEW_META_KEY]: true } : {};
          return (await docs.client.callTool({ name, arguments: args, _meta })) as ReceivedToolResult;
        },
        fingerprint: () => tableFingerprint(database.db, ['articles', 'article_changes']),
        ping: () => docs.client.ping(),
        // Real slugs and words, so that well-formed calls find articles and sections.
        values: () => ({ own: ['return-policy', 'returning-a-gift', 'The 30-day return window', 'returns', 'Norway'] }),
      });
      // biome-ignore lint/suspicious/noConsole: the summary line is this test's report
      console.log(describeFuzzReport(`docs tools on ${backend.name}`, report));
      expect(report.problems).toEqual([]);
      expect(report.tried).toBeGreaterThanOrEqual(tools.length * 20);
      expect(Object.keys(report.outcomes)).toEqual(
        expect.arrayContaining(['ok', 'invalid_arguments', 'article_not_found']),
      );
    },
    fuzzTestTimeoutMs(),
  );
});
