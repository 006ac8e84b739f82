import type { ArticleStore } from '../articles/article-store.ts';
import { applyIngestionJob } from './apply-ingestion-job.ts';
import type { ArticleIngestion } from './article-ingestion.ts';

/**
 * Without Redis: every change is applied before the caller gets its answer. `afterApply` lets this
 * replica's index catch up at once, so the admin who made a change can search it right away.
 */
export function createInProcessIngestion(store: ArticleStore, afterApply?: () => Promise<void>): ArticleIngestion {
  return {
    mode: 'in-process',
    async submit(job) {
      const result = await applyIngestionJob(store, job);
      await afterApply?.();
      return { mode: 'applied', result };
    },
    async status() {
      return { state: 'unknown' };
    },
    async waitFor() {
      return { state: 'unknown' };
    },
    async close() {},
  };
}
