import { defineResourceTemplate } from '@shopchat/mcp-service';
import type { ArticleIndex } from '../articles/article-index.ts';

/** Every article as an MCP resource, `docs://articles/{slug}`, in Markdown with its front matter. */
export function createArticleResources(index: ArticleIndex) {
  return defineResourceTemplate({
    name: 'help-article',
    title: 'Help-center article',
    description: 'A help-center article of the shop, as Markdown with YAML front matter.',
    uriTemplate: 'docs://articles/{slug}',
    mimeType: 'text/markdown',
    list: async () =>
      index.list().map((article) => ({
        uri: `docs://articles/${article.slug}`,
        name: article.slug,
        title: article.title,
        description: article.summary,
      })),
    read: async ({ slug }) => {
      const article = slug ? index.get(slug) : undefined;
      return article ? { text: article.source } : null;
    },
  });
}
