import type { SearchDocument } from '../search/search-document.ts';
import type { Article } from './parse-article.ts';

/**
 * How an article enters the search index. The summary and tags lead the text: editors write them in the
 * words customers use ("Oslo", "present", "refund"), which the body may not repeat.
 */
export function articleSearchDocument(article: Article): SearchDocument {
  const lead = [article.summary, article.tags.map((tag) => tag.replaceAll('-', ' ')).join(', ')].filter(Boolean);
  return { id: article.slug, title: article.title, text: `${lead.join('\n\n')}\n\n${article.body}` };
}
