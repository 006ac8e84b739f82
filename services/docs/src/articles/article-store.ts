import type { Database } from '@shopchat/postgres';
import type { Article } from './parse-article.ts';

/** What an ingestion did to the store. */
export type IngestOutcome = 'created' | 'updated' | 'unchanged';
export type RemoveOutcome = 'removed' | 'absent';

/** One entry of the change log replicas follow. */
export interface ArticleChange {
  seq: number;
  slug: string;
  change: 'upsert' | 'delete';
}

interface ArticleRow {
  slug: string;
  title: string;
  category: string;
  summary: string;
  tags: string[];
  updated_on: string | null;
  body: string;
  source: string;
  content_hash: string;
}

/** Serialises writers so change-log sequence numbers commit in order (see migrations/0001). */
const WRITE_LOCK = 'shopchat.docs.articles';
/** How many changes a replica applies per poll; the rest arrive on the next one. */
const CHANGE_PAGE = 500;

/** The articles in PostgreSQL (or PGlite), the source of truth of the help center. */
export interface ArticleStore {
  /** Stores an article unless the same content is already there. */
  upsert(article: Article): Promise<IngestOutcome>;
  remove(slug: string): Promise<RemoveOutcome>;
  get(slug: string): Promise<Article | null>;
  list(): Promise<Article[]>;
  /** Changes after `seq`, oldest first. */
  changesSince(seq: number): Promise<ArticleChange[]>;
  /** The newest change's sequence number (0 when none). */
  latestSeq(): Promise<number>;
}

export function createArticleStore(db: Database): ArticleStore {
  return {
    upsert(article) {
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [WRITE_LOCK]);
        const [existing] = await tx.query<{ content_hash: string }>(
          'SELECT content_hash FROM articles WHERE slug = $1',
          [article.slug],
        );
        if (existing?.content_hash === article.contentHash) return 'unchanged';
        await tx.query(
          `INSERT INTO articles (slug, title, category, summary, tags, updated_on, body, source, content_hash, ingested_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
           ON CONFLICT (slug) DO UPDATE SET title = EXCLUDED.title, category = EXCLUDED.category,
             summary = EXCLUDED.summary, tags = EXCLUDED.tags, updated_on = EXCLUDED.updated_on, body = EXCLUDED.body,
             source = EXCLUDED.source, content_hash = EXCLUDED.content_hash, ingested_at = now()`,
          [
            article.slug,
            article.title,
            article.category,
            article.summary,
            article.tags,
            article.updated,
            article.body,
            article.source,
            article.contentHash,
          ],
        );
        await tx.query(`INSERT INTO article_changes (slug, change) VALUES ($1, 'upsert')`, [article.slug]);
        return existing ? 'updated' : 'created';
      });
    },

    remove(slug) {
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [WRITE_LOCK]);
        const deleted = await tx.query('DELETE FROM articles WHERE slug = $1 RETURNING slug', [slug]);
        if (deleted.length === 0) return 'absent';
        await tx.query(`INSERT INTO article_changes (slug, change) VALUES ($1, 'delete')`, [slug]);
        return 'removed';
      });
    },

    async get(slug) {
      const [row] = await db.query<ArticleRow>(`${SELECT_ARTICLE} WHERE slug = $1`, [slug]);
      return row ? toArticle(row) : null;
    },

    async list() {
      return (await db.query<ArticleRow>(`${SELECT_ARTICLE} ORDER BY slug`)).map(toArticle);
    },

    async changesSince(seq) {
      const rows = await db.query<{ seq: string | number; slug: string; change: 'upsert' | 'delete' }>(
        'SELECT seq, slug, change FROM article_changes WHERE seq > $1 ORDER BY seq LIMIT $2',
        [seq, CHANGE_PAGE],
      );
      return rows.map((row) => ({ seq: Number(row.seq), slug: row.slug, change: row.change }));
    },

    async latestSeq() {
      const [row] = await db.query<{ seq: string | number | null }>('SELECT max(seq) AS seq FROM article_changes');
      return Number(row?.seq ?? 0);
    },
  };
}

const SELECT_ARTICLE =
  "SELECT slug, title, category, summary, tags, to_char(updated_on, 'YYYY-MM-DD') AS updated_on, body, source, content_hash FROM articles";

function toArticle(row: ArticleRow): Article {
  return {
    slug: row.slug,
    title: row.title,
    category: row.category,
    summary: row.summary,
    tags: row.tags,
    updated: row.updated_on,
    body: row.body,
    source: row.source,
    contentHash: row.content_hash,
  };
}
