import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EvalSummary, runEval } from '../src/eval/run-eval.ts';

/**
 * Where the evaluation data is looked for unless `SCIFACT_DIR` says otherwise: BEIR SciFact (corpus.jsonl,
 * queries.jsonl, qrels/train.tsv) downloaded into `eval-data/scifact` at the repository's root, which git
 * ignores: the data is never part of the repository.
 */
export const DEFAULT_SCIFACT_DIR = fileURLToPath(new URL('../../../eval-data/scifact', import.meta.url));

/**
 * The production search on BEIR SciFact (train judgments), exactly as `npm run eval` runs it. Returns
 * `null` with the reason when the data folder is absent: the data is never part of the repository.
 */
export async function measureScifact(
  dir = process.env.SCIFACT_DIR ?? DEFAULT_SCIFACT_DIR,
): Promise<{ summary: EvalSummary } | { skipped: string }> {
  const files = {
    corpus: join(dir, 'corpus.jsonl'),
    queries: join(dir, 'queries.jsonl'),
    qrels: join(dir, 'qrels', 'train.tsv'),
  };
  const missing = Object.values(files).filter((file) => !existsSync(file));
  if (missing.length) return { skipped: `SciFact data not found (${missing[0]}); set SCIFACT_DIR to measure it` };
  const summary = await runEval({
    corpusPath: files.corpus,
    queriesPath: files.queries,
    qrelsPath: files.qrels,
    runPath: join(tmpdir(), `scifact-bench-${process.pid}.run`),
  });
  return { summary };
}
