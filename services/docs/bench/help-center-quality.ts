import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { articleSearchDocument } from '../src/articles/article-search-document.ts';
import { parseArticle } from '../src/articles/parse-article.ts';
import { ndcgAt } from '../src/eval/ndcg.ts';
import { expandHelpCenterQuery } from '../src/search/expand-help-center-query.ts';
import { SearchIndex } from '../src/search/search-index.ts';

const CONTENT = fileURLToPath(new URL('../content/articles', import.meta.url));
const QUESTIONS = fileURLToPath(new URL('../test/fixtures/help-center-questions.json', import.meta.url));

const questionsSchema = z.array(z.object({ query: z.string(), relevant: z.record(z.string(), z.number()) }));

export interface HelpCenterQuality {
  questions: number;
  ndcgAt10: number;
  /** Share of questions whose best article (grade 2) is ranked first. */
  top1: number;
  p95Ms: number;
}

/**
 * nDCG@10 of the production search over the shop's own labelled help-center questions: the articles are
 * indexed exactly as the service indexes them.
 */
export async function measureHelpCenterQuality(): Promise<HelpCenterQuality> {
  const index = new SearchIndex();
  for (const name of (await readdir(CONTENT)).filter((n) => n.endsWith('.md'))) {
    index.upsert(articleSearchDocument(parseArticle(await readFile(`${CONTENT}/${name}`, 'utf8'))));
  }
  const questions = questionsSchema.parse(JSON.parse(await readFile(QUESTIONS, 'utf8')));
  let ndcg = 0;
  let top1 = 0;
  const latencies: number[] = [];
  for (const { query, relevant } of questions) {
    const started = performance.now();
    const ranked = index.search(expandHelpCenterQuery(query), { limit: 10 }).map((hit) => hit.id);
    latencies.push(performance.now() - started);
    ndcg += ndcgAt(10, ranked, new Map(Object.entries(relevant)));
    if (ranked[0] && relevant[ranked[0]] === 2) top1++;
  }
  latencies.sort((a, b) => a - b);
  return {
    questions: questions.length,
    ndcgAt10: ndcg / questions.length,
    top1: top1 / questions.length,
    p95Ms: latencies[Math.floor(0.95 * (latencies.length - 1))] ?? Number.NaN,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureHelpCenterQuality());
