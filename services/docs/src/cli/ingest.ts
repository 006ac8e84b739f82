// `npm run ingest -w services/docs -- <file.md|folder>... [--remove <slug>]...`
// With REDIS_URL the changes go through the BullMQ queue (a docs replica's worker applies them, and the
// CLI waits for the result); without it they are applied in-process to DATABASE_URL.
import { readdir, readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createLogger } from '@shopchat/mcp-service';
import { openDatabase } from '@shopchat/postgres';
import { createArticleStore } from '../articles/article-store.ts';
import { InvalidArticleError, parseArticle } from '../articles/parse-article.ts';
import { migrate } from '../db/migrate.ts';
import { loadDocsSettings } from '../docs-settings.ts';
import type { ArticleIngestion } from '../ingestion/article-ingestion.ts';
import { createInProcessIngestion } from '../ingestion/in-process-ingestion.ts';
import type { IngestionJob } from '../ingestion/ingestion-job.ts';
import { createQueuedIngestion } from '../ingestion/queued-ingestion.ts';

/** How long the CLI waits for a queued change to be applied by a worker. */
const WAIT_MS = 60_000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { remove: { type: 'string', multiple: true } },
});
const log = createLogger({ service: 'docs-ingest', level: 'warn', destination: 2 });

try {
  const settings = loadDocsSettings(process.env);
  const jobs: IngestionJob[] = [];
  for (const path of positionals) for (const source of await readDocuments(path)) jobs.push({ kind: 'upsert', source });
  for (const slug of values.remove ?? []) jobs.push({ kind: 'remove', slug });
  if (jobs.length === 0) throw new Error('nothing to do: name Markdown files or folders, or --remove <slug>');
  for (const job of jobs) if (job.kind === 'upsert') parseArticle(job.source); // refuse bad input before any change

  let ingestion: ArticleIngestion;
  let close = async () => {};
  if (settings.redisUrl) {
    ingestion = createQueuedIngestion({ redisUrl: settings.redisUrl, prefix: settings.queuePrefix, log });
  } else if (settings.databaseUrl) {
    const db = await openDatabase({ url: settings.databaseUrl });
    await migrate(db);
    ingestion = createInProcessIngestion(createArticleStore(db));
    close = () => db.close();
  } else {
    throw new Error('set REDIS_URL (queue to the running docs servers) or DATABASE_URL (apply directly)');
  }
  try {
    for (const job of jobs) {
      const submitted = await ingestion.submit(job);
      const outcome =
        submitted.mode === 'applied' ? submitted.result : await ingestion.waitFor(submitted.jobId, WAIT_MS);
      process.stdout.write(`${JSON.stringify({ job: job.kind, ...outcome })}\n`);
    }
  } finally {
    await ingestion.close();
    await close();
  }
} catch (error) {
  const reason = error instanceof InvalidArticleError || error instanceof Error ? error.message : String(error);
  console.error(`docs ingest failed: ${reason}`);
  process.exitCode = 1;
}

async function readDocuments(path: string): Promise<string[]> {
  if ((await stat(path)).isDirectory()) {
    const names = (await readdir(path)).filter((name) => name.endsWith('.md')).sort();
    return Promise.all(names.map((name) => readFile(`${path}/${name}`, 'utf8')));
  }
  return [await readFile(path, 'utf8')];
}
