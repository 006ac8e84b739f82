import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Longest Markdown document accepted (bytes of UTF-16 text): articles are a few KB. */
export const MAX_ARTICLE_LENGTH = 200_000;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The front matter every article carries (see content/README.md). */
export const articleFrontMatterSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  slug: z.string().max(120).regex(SLUG, 'must be kebab-case: lowercase letters and digits joined by dashes'),
  category: z.string().trim().min(1).max(60),
  summary: z.string().trim().max(500).default(''),
  updated: z.iso.date().optional(),
  tags: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
});

/** An article as stored and indexed. */
export interface Article {
  slug: string;
  title: string;
  category: string;
  summary: string;
  tags: string[];
  /** ISO date of the last editorial update, if given. */
  updated: string | null;
  /** Markdown without the front matter. */
  body: string;
  /** The document exactly as ingested. */
  source: string;
  /** sha256 hex of `source`. */
  contentHash: string;
}

/** Why a document could not be read as an article; the message names the field. */
export class InvalidArticleError extends Error {
  readonly code = 'article_invalid';
  readonly isRetryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidArticleError';
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Parses a Markdown document with YAML front matter into an {@link Article}, or throws {@link InvalidArticleError}. */
export function parseArticle(source: string): Article {
  if (source.length > MAX_ARTICLE_LENGTH) {
    throw new InvalidArticleError(`The article is too long: at most ${MAX_ARTICLE_LENGTH} characters.`);
  }
  const match = FRONT_MATTER.exec(source);
  if (!match) throw new InvalidArticleError('The article must start with YAML front matter between two "---" lines.');
  let data: unknown;
  try {
    // YAML dates become strings: the schema wants ISO text, not Date objects.
    data = parseYaml(match[1] ?? '', { schema: 'core', maxAliasCount: 10 });
  } catch (error) {
    throw new InvalidArticleError(`The front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = articleFrontMatterSchema.safeParse(normaliseDates(data));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArticleError(`Front matter field "${issue?.path.join('.') || '(root)'}": ${issue?.message}.`);
  }
  const body = source.slice(match[0].length).trim();
  if (!body) throw new InvalidArticleError('The article has no body after its front matter.');
  const front = parsed.data;
  return {
    slug: front.slug,
    title: front.title,
    category: front.category,
    summary: front.summary,
    tags: front.tags,
    updated: front.updated ?? null,
    body,
    source,
    contentHash: createHash('sha256').update(source).digest('hex'),
  };
}

function normaliseDates(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const record = { ...(data as Record<string, unknown>) };
  if (record.updated instanceof Date) record.updated = record.updated.toISOString().slice(0, 10);
  return record;
}
