import type { ArticleStore } from '../articles/article-store.ts';
import { parseArticle } from '../articles/parse-article.ts';
import type { IngestionJob, IngestionResult } from './ingestion-job.ts';

/**
 * Applies one job to the store. Idempotent: the same document twice is `unchanged` the second time, a
 * removal of a missing article is `absent`; so a job delivered twice changes nothing the second time.
 */
export async function applyIngestionJob(store: ArticleStore, job: IngestionJob): Promise<IngestionResult> {
  if (job.kind === 'remove') return { slug: job.slug, outcome: await store.remove(job.slug) };
  const article = parseArticle(job.source);
  return { slug: article.slug, outcome: await store.upsert(article) };
}
