import { defineTool, lineIcon, toolFailure, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import { splitPassages } from '../search/split-passages.ts';
import type { DocsToolDeps } from './docs-tool-deps.ts';
import { articleUrl } from './help-center-urls.ts';

/** Longest article text handed to a model in one result (characters); articles are far shorter. */
const MAX_TEXT = 20_000;

const input = z.strictObject({
  slug: z
    .string()
    .max(120)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'An article slug is lowercase words joined by dashes, like return-policy.')
    .describe('The article slug, as returned by search_docs (e.g. "return-policy").'),
  section: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Only this section: its heading or anchor as returned by search_docs. Omit for the whole article.'),
});

const output = z.object({
  slug: z.string(),
  title: z.string(),
  category: z.string(),
  summary: z.string(),
  updated: z.string().nullable().describe('Date of the last editorial update (YYYY-MM-DD).'),
  url: z.string(),
  sections: z.array(z.object({ heading: z.string(), anchor: z.string() })),
  section: z.string().nullable().describe('The section returned, or null for the whole article.'),
  text: z.string().describe('Markdown of the whole article, or plain text of the requested section.'),
});

/** `get_article`: one help-center article, or one section of it. */
export default function createGetArticleTool({ index, helpCenterUrl }: DocsToolDeps) {
  return defineTool({
    name: 'get_article',
    title: 'Read a help-center article',
    icons: [lineIcon('<path d="M2 5h7a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H2zM22 5h-7a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h8z"/>')],
    description:
      'Read one help-center article in full, or one section of it, by its slug (from search_docs). Use it when a search excerpt is not enough to answer, to quote the exact policy wording.',
    input,
    output,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    needsCustomer: false,
    async handler({ slug, section }) {
      const article = index.get(slug);
      if (!article) {
        return toolFailure(
          'article_not_found',
          `There is no help-center article "${slug}". Use search_docs to find one.`,
        );
      }
      const passages = splitPassages({ id: slug, title: article.title, text: article.body });
      const sections = passages.flatMap((p) =>
        p.heading && p.anchor ? [{ heading: p.heading, anchor: p.anchor }] : [],
      );
      const base = {
        slug,
        title: article.title,
        category: article.category,
        summary: article.summary,
        updated: article.updated,
        sections,
      };
      if (!section) {
        return toolResult(
          { ...base, url: articleUrl(helpCenterUrl, slug), section: null, text: article.body.slice(0, MAX_TEXT) },
          `${article.title} (${articleUrl(helpCenterUrl, slug)})\n\n${article.body.slice(0, MAX_TEXT)}`,
        );
      }
      const wanted = section.toLowerCase();
      const found = passages.find((p) => p.anchor === wanted || p.heading?.toLowerCase() === wanted);
      if (!found?.heading) {
        return toolFailure(
          'section_not_found',
          `The article "${slug}" has no section "${section}". Its sections: ${sections.map((s) => s.heading).join('; ')}.`,
        );
      }
      const url = articleUrl(helpCenterUrl, slug, found.anchor);
      return toolResult(
        { ...base, url, section: found.heading, text: found.text.slice(0, MAX_TEXT) },
        `${article.title} — ${found.heading} (${url})\n\n${found.text.slice(0, MAX_TEXT)}`,
      );
    },
  });
}
