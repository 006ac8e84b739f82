import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { InvalidArticleError, MAX_ARTICLE_LENGTH, parseArticle } from '../articles/parse-article.ts';
import type { ArticleIngestion } from '../ingestion/article-ingestion.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const JOB_ID = /^[\w:-]{1,64}$/;

/**
 * The admin endpoint of the help center, guarded by its own token (`DOCS_ADMIN_TOKEN`), distinct from
 * the MCP service token: the people who edit articles are not the host.
 *
 * - `PUT /admin/articles/:slug` with the Markdown document as the body (`text/markdown`)
 * - `DELETE /admin/articles/:slug`
 * - `GET /admin/jobs/:id` (queued changes)
 *
 * Without Redis a change is applied before the answer (200); with it, queued (202 with the job id).
 */
export function mountAdminRoutes(app: Express, options: { token?: string; ingestion: ArticleIngestion; log: Logger }) {
  const guard = requireAdminToken(options.token);
  const body = express.text({ type: ['text/markdown', 'text/plain'], limit: MAX_ARTICLE_LENGTH * 2 });

  app.put('/admin/articles/:slug', guard, body, async (req, res, next) => {
    try {
      const slug = String(req.params.slug);
      if (!SLUG.test(slug)) return void res.status(400).json(problem('invalid_slug', 'The slug must be kebab-case.'));
      if (typeof req.body !== 'string' || req.body.length === 0) {
        return void res.status(415).json(problem('unsupported_media_type', 'Send the article as text/markdown.'));
      }
      // Parsed here as well as by the worker: a bad document is refused now and never enters the queue.
      const article = parseArticle(req.body);
      if (article.slug !== slug) {
        return void res
          .status(400)
          .json(problem('slug_mismatch', `The URL names "${slug}" but the front matter says "${article.slug}".`));
      }
      respond(res, await options.ingestion.submit({ kind: 'upsert', source: req.body }));
    } catch (error) {
      if (error instanceof InvalidArticleError) return void res.status(400).json(problem(error.code, error.message));
      next(error);
    }
  });

  app.delete('/admin/articles/:slug', guard, async (req, res, next) => {
    try {
      const slug = String(req.params.slug);
      if (!SLUG.test(slug)) return void res.status(400).json(problem('invalid_slug', 'The slug must be kebab-case.'));
      respond(res, await options.ingestion.submit({ kind: 'remove', slug }));
    } catch (error) {
      next(error);
    }
  });

  app.get('/admin/jobs/:id', guard, async (req, res, next) => {
    try {
      const id = String(req.params.id);
      if (!JOB_ID.test(id)) return void res.status(400).json(problem('invalid_job_id', 'Malformed job id.'));
      const status = await options.ingestion.status(id);
      res.status(status.state === 'unknown' ? 404 : 200).json(status);
    } catch (error) {
      next(error);
    }
  });
}

function respond(res: express.Response, submitted: Awaited<ReturnType<ArticleIngestion['submit']>>) {
  if (submitted.mode === 'applied') return void res.status(200).json(submitted.result);
  res.status(202).location(`/admin/jobs/${submitted.jobId}`).json({ jobId: submitted.jobId, state: 'queued' });
}

function problem(code: string, message: string) {
  return { error: code, message };
}

function requireAdminToken(token: string | undefined): RequestHandler {
  const expected = token ? createHash('sha256').update(token).digest() : undefined;
  return (req, res, next) => {
    if (!expected) {
      return void res
        .status(404)
        .json(problem('admin_disabled', 'The admin endpoint is off: set DOCS_ADMIN_TOKEN to enable it.'));
    }
    const header = req.get('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (presented && timingSafeEqual(createHash('sha256').update(presented).digest(), expected)) return next();
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="docs-admin"')
      .json(problem('unauthorized', 'Send the admin token as "Authorization: Bearer <DOCS_ADMIN_TOKEN>".'));
  };
}
