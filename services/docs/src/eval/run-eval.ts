import { once } from 'node:events';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { SearchIndex } from '../search/search-index.ts';
import type { SearchIndexOptions } from '../search/search-index-options.ts';
import { beirDocumentSchema, beirQuerySchema } from './beir-records.ts';
import { EvalInputError } from './eval-input-error.ts';
import { meanOverJudged } from './mean-over-judged.ts';
import { ndcgAt } from './ndcg.ts';
import { percentile } from './percentile.ts';
import { parseQrels, type Qrels, type Run } from './qrels.ts';
import { readJsonl } from './read-jsonl.ts';
import { recallAt } from './recall.ts';
import { DEFAULT_RUN_TAG, formatRunLine } from './trec-run.ts';

/** Hits written per query: the TREC depth that nDCG@10 and Recall@100 need. */
export const RUN_DEPTH = 100;

export interface EvalInput {
  corpusPath: string;
  queriesPath: string;
  runPath: string;
  /** When given, the summary includes nDCG@10 and Recall@100 over the judged queries. */
  qrelsPath?: string;
  /** Last column of the run file. Default {@link DEFAULT_RUN_TAG}. */
  tag?: string;
  /** Ranking settings to evaluate; the production defaults when absent. */
  searchOptions?: SearchIndexOptions;
  /** Monotonic clock in milliseconds; injectable so tests need not depend on timing. */
  now?: () => number;
}

export interface EvalSummary {
  documents: number;
  passages: number;
  queries: number;
  /** Time spent adding documents to the index, in ms (reading and parsing the file excluded). */
  indexMs: number;
  /** Reading, parsing and indexing the whole corpus file, in ms. */
  loadMs: number;
  /** Per-query search latency percentiles, in ms. */
  latencyMs: { p50: number; p95: number; max: number };
  /** Present when qrels were given. */
  metrics?: { ndcg10: number; recall100: number; judgedQueries: number };
}

/**
 * Indexes a BEIR-layout corpus with the production {@link SearchIndex}, runs every query of the queries
 * file, and writes the top {@link RUN_DEPTH} documents of each as a TREC run file. The corpus is read
 * as a stream. Queries are timed one by one, sequentially, as a single-user service would see them.
 */
export async function runEval(input: EvalInput): Promise<EvalSummary> {
  const now = input.now ?? (() => performance.now());
  const tag = input.tag ?? DEFAULT_RUN_TAG;
  // Read the qrels and open the run file first: a wrong path should fail before the indexing, not after.
  const qrels = input.qrelsPath === undefined ? undefined : readQrels(input.qrelsPath);
  const out = await openRunFile(input.runPath);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {}); // observed through Promise.race below; never an unhandled rejection
  const index = new SearchIndex(input.searchOptions);
  const latencies: number[] = [];
  const run: Run = new Map();
  let indexMs = 0;
  let loadMs = 0;
  const work = async () => {
    const loadStart = now();
    for await (const record of readJsonl(input.corpusPath, beirDocumentSchema, 'corpus')) {
      const start = now();
      index.upsert({ id: record._id, title: record.title, text: record.text });
      indexMs += now() - start;
    }
    loadMs = now() - loadStart;
    for await (const query of readJsonl(input.queriesPath, beirQuerySchema, 'queries')) {
      if (run.has(query._id)) {
        throw new EvalInputError('BAD_RECORD', `${input.queriesPath}: query id ${query._id} appears twice`);
      }
      const start = now();
      const hits = index.search(query.text, { limit: RUN_DEPTH, snippets: false });
      latencies.push(now() - start);
      run.set(
        query._id,
        hits.map((hit) => hit.id),
      );
      const lines = hits.map((hit, i) => formatRunLine(query._id, hit.id, i + 1, hit.score, tag));
      if (lines.length > 0 && !out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  };
  try {
    await Promise.race([work(), failed]);
  } catch (cause) {
    // A half-written run file would look like a valid run of fewer queries: remove it.
    out.destroy();
    await rm(input.runPath, { force: true });
    if (cause instanceof EvalInputError) throw cause;
    throw new EvalInputError('RUN_UNWRITABLE', `cannot write run file ${input.runPath}: ${reason(cause)}`, { cause });
  }

  const summary: EvalSummary = {
    documents: index.documentCount,
    passages: index.passageCount,
    queries: latencies.length,
    indexMs,
    loadMs,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: percentile(latencies, 100) },
  };
  if (qrels !== undefined) {
    const ndcg = meanOverJudged(run, qrels, (ranked, judged) => ndcgAt(10, ranked, judged));
    const recall = meanOverJudged(run, qrels, (ranked, judged) => recallAt(100, ranked, judged));
    summary.metrics = { ndcg10: ndcg.mean, recall100: recall.mean, judgedQueries: ndcg.queries };
  }
  return summary;
}

function readQrels(path: string): Qrels {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new EvalInputError('FILE_UNREADABLE', `cannot read qrels file ${path}: ${reason(cause)}`, { cause });
  }
  try {
    return parseQrels(text);
  } catch (cause) {
    throw new EvalInputError('BAD_RECORD', `${path}: ${reason(cause)}`, { cause });
  }
}

/** Opens the run file before any indexing, so a bad output path fails at once. */
async function openRunFile(path: string): Promise<WriteStream> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  try {
    await once(out, 'open');
  } catch (cause) {
    throw new EvalInputError('RUN_UNWRITABLE', `cannot write run file ${path}: ${reason(cause)}`, { cause });
  }
  return out;
}

function reason(cause: unknown): string {
  if (cause instanceof Error && 'code' in cause && cause.code === 'ENOENT') return 'no such file or directory';
  return cause instanceof Error ? cause.message : String(cause);
}
