import { defineTool, lineIcon, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import { expandHelpCenterQuery } from '../search/expand-help-center-query.ts';
import type { DocsToolDeps } from './docs-tool-deps.ts';
import { articleUrl } from './help-center-urls.ts';

/** Most passages one search returns to the model: more would crowd its context without helping. */
const MAX_RESULTS = 8;

const input = z.strictObject({
  query: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe(
      'The customer question or its key words, e.g. "delivery time and cost to Norway", "return a gift without receipt".',
    ),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_RESULTS)
    .optional()
    .describe(`How many articles to return (default 4, at most ${MAX_RESULTS}).`),
});

const output = z.object({
  query: z.string(),
  results: z.array(
    z.object({
      slug: z.string().describe('Pass to get_article for the whole article.'),
      title: z.string(),
      category: z.string(),
      heading: z.string().nullable().describe('The section that matched best; null for the introduction.'),
      snippet: z.string().describe('HTML-safe excerpt of that section; matched words are wrapped in <mark>.'),
      url: z.string().describe('Link to the section on the help center, to give the customer.'),
      score: z.number(),
    }),
  ),
});

/** `search_docs`: the help center's policies, searched by section. */
export default function createSearchDocsTool({ index, helpCenterUrl }: DocsToolDeps) {
  return defineTool({
    name: 'search_docs',
    title: 'Search the help center',
    icons: [
      lineIcon(
        '<path d="M4 4h10l4 4v5"/><path d="M4 4v16h7"/><circle cx="16" cy="17" r="3"/><path d="M21 22l-2.5-2.5"/>',
      ),
    ],
    description:
      "Search the shop's help-center articles: shipping and delivery times and costs by country, returns and refunds, exchanges, gift returns, warranty and repairs, payments, account and privacy, size guides, product care, store policies, and how to contact human support. Use it for any question about the shop's rules or how-to, and answer only from what it returns, quoting the policy and giving the link. Returns the best-matching sections with excerpts; use get_article for a whole article.",
    input,
    output,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    needsCustomer: false,
    async handler({ query, limit }) {
      const hits = index.search.search(expandHelpCenterQuery(query), { limit: limit ?? 4 });
      const results = hits.flatMap((hit) => {
        const article = index.get(hit.id);
        if (!article) return [];
        return [
          {
            slug: article.slug,
            title: article.title,
            category: article.category,
            heading: hit.heading,
            snippet: hit.snippet ?? '',
            url: articleUrl(helpCenterUrl, article.slug, hit.anchor),
            score: Math.round(hit.score * 1000) / 1000,
          },
        ];
      });
      const text =
        results.length === 0
          ? `No help-center article matches "${query}". Say so honestly and offer how to contact support; do not guess a policy.`
          : results
              .map(
                (r, i) =>
                  `${i + 1}. ${r.title}${r.heading ? ` — ${r.heading}` : ''}: ${stripMarks(r.snippet)} (${r.url})`,
              )
              .join('\n');
      return toolResult({ query, results }, text);
    },
  });
}

function stripMarks(snippet: string): string {
  return snippet.replaceAll('<mark>', '').replaceAll('</mark>', '');
}
