import type { ArticleIndex } from '../articles/article-index.ts';

/**
 * What the docs server hands every tool factory in `src/tools/*.tool.ts`. A tool that needs nothing from
 * the server may default-export its definition instead of a factory.
 */
export interface DocsToolDeps {
  /** This replica's article cache and search index, kept in step with PostgreSQL. */
  index: ArticleIndex;
  /** Base of article links given to customers (`HELP_CENTER_URL`), e.g. `https://shop.example/help`. */
  helpCenterUrl: string;
}
