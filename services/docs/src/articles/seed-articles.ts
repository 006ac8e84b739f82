import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ArticleStore } from './article-store.ts';
import { parseArticle } from './parse-article.ts';

/** The shop's help center as written in the repo (content/articles/*.md). */
export const CONTENT_DIR = fileURLToPath(new URL('../../content/articles', import.meta.url));

/**
 * Ingests every article of the content folder. Idempotent by content hash: a restart re-reads the files
 * and changes only what was edited.
 */
export async function seedArticles(store: ArticleStore, dir = CONTENT_DIR) {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const files = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  for (const file of files) {
    const article = parseArticle(await readFile(`${dir}/${file}`, 'utf8'));
    counts[await store.upsert(article)]++;
  }
  return { files: files.length, ...counts };
}
