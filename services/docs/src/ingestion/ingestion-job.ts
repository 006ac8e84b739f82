import { z } from 'zod';
import { MAX_ARTICLE_LENGTH } from '../articles/parse-article.ts';

/** One change to the help center, as it travels through the queue (a BullMQ job's data). */
export const ingestionJobSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('upsert'), source: z.string().min(1).max(MAX_ARTICLE_LENGTH) }),
  z.strictObject({ kind: z.literal('remove'), slug: z.string().min(1).max(120) }),
]);

export type IngestionJob = z.infer<typeof ingestionJobSchema>;

/** What applying a job did. */
export interface IngestionResult {
  slug: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'removed' | 'absent';
}
