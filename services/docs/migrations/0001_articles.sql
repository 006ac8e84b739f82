-- Up Migration

-- Help-center articles: PostgreSQL is the source of truth; every replica's search index is rebuilt from it.
CREATE TABLE articles (
  slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  category text NOT NULL CHECK (length(category) BETWEEN 1 AND 60),
  summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 500),
  tags text[] NOT NULL DEFAULT '{}',
  updated_on date,
  -- The Markdown body without its front matter, and the whole document as ingested.
  body text NOT NULL CHECK (length(body) <= 200000),
  source text NOT NULL,
  -- sha256 of `source`: ingesting the same document again changes nothing.
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  ingested_at timestamptz NOT NULL DEFAULT now()
);

-- An append-only log of changes, read by every replica to keep its in-memory index current. Writers hold
-- an advisory lock, so sequence numbers commit in order and a reader never skips one.
CREATE TABLE article_changes (
  seq bigserial PRIMARY KEY,
  slug text NOT NULL,
  change text NOT NULL CHECK (change IN ('upsert', 'delete')),
  changed_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE article_changes;
DROP TABLE articles;
