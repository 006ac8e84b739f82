import { type Database, openDatabase } from '@shopchat/postgres';
import type { Logger } from 'pino';
import { ArticleIndex } from './articles/article-index.ts';
import { createArticleStore } from './articles/article-store.ts';
import { seedArticles } from './articles/seed-articles.ts';
import { migrate } from './db/migrate.ts';
import type { DocsSettings } from './docs-settings.ts';
import type { ArticleIngestion } from './ingestion/article-ingestion.ts';
import { createInProcessIngestion } from './ingestion/in-process-ingestion.ts';
import { createQueuedIngestion } from './ingestion/queued-ingestion.ts';

/** Everything behind the docs tools: database, article store, this replica's index, and ingestion. */
export interface DocsBackend {
  db: Database;
  index: ArticleIndex;
  ingestion: ArticleIngestion;
  close(): Promise<void>;
}

/** Opens the database, migrates, seeds the shipped articles, builds the index and starts ingestion. */
export async function startDocsBackend(settings: DocsSettings, log: Logger, db?: Database): Promise<DocsBackend> {
  const database =
    db ??
    (await openDatabase({
      ...(settings.databaseUrl ? { url: settings.databaseUrl } : {}),
      ...(settings.dataDir ? { dataDir: settings.dataDir } : {}),
      onIdleError: (error) => log.warn({ err: error }, 'an idle database connection failed; the pool replaces it'),
    }));
  try {
    if (settings.migrateOnStart) {
      const report = await migrate(database);
      log.info({ schema: report.schema, applied: report.applied }, 'database schema up to date');
    }
    const store = createArticleStore(database);
    if (settings.seedArticles) log.info(await seedArticles(store), 'help-center articles ingested from content/');
    const index = new ArticleIndex({ store, log, refreshMs: settings.indexRefreshMs });
    await index.start();
    const ingestion = settings.redisUrl
      ? createQueuedIngestion({ redisUrl: settings.redisUrl, prefix: settings.queuePrefix, log, workOn: store })
      : createInProcessIngestion(store, () => index.refresh());
    log.info({ ingestion: ingestion.mode }, 'article ingestion ready');
    return {
      db: database,
      index,
      ingestion,
      async close() {
        index.stop();
        await ingestion.close();
        if (!db) await database.close();
      },
    };
  } catch (error) {
    if (!db) await database.close().catch(() => {});
    throw error;
  }
}
