import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEval } from '../src/eval/run-eval.ts';

const MAIN = fileURLToPath(new URL('../src/eval/main.ts', import.meta.url));
const exec = promisify(execFile);

/** Runs the CLI as `npm run eval` does, returning the exit code instead of throwing on failure. */
async function evalCli(args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [MAIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let dir: string;
let corpus: string;
let queries: string;
let qrels: string;

/**
 * A generated BEIR-layout data set: 150 "widget" documents (more than the run depth of 100), a few
 * distinct ones, and queries including one that matches nothing and one with a numeric id.
 */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docs-eval-'));
  const docs = [
    { _id: 'tent', title: 'Tent drying', text: 'Dry the tent before storing it to avoid mildew.' },
    { _id: 'boots', title: 'Boot care', text: 'Clean boots with a brush and re-wax the leather.', metadata: {} },
    { _id: 'notitle', text: 'Down jackets keep warm when dry.' },
    ...Array.from({ length: 150 }, (_, i) => ({
      _id: `w${i}`,
      title: `Widget ${i}`,
      text: `widget ${'part '.repeat(i % 7)}`,
    })),
  ];
  corpus = join(dir, 'corpus.jsonl');
  queries = join(dir, 'queries.jsonl');
  qrels = join(dir, 'qrels.tsv');
  await writeFile(corpus, `${docs.map((d) => JSON.stringify(d)).join('\n')}\n`);
  await writeFile(
    queries,
    [
      { _id: 'q1', text: 'how to dry a tent' },
      { _id: 'q2', text: 'widget' },
      { _id: 3, text: 'zzz nothing matches' },
      { _id: 'q4', text: 'warm jacket' },
    ]
      .map((q) => JSON.stringify(q))
      .join('\n'),
  );
  await writeFile(qrels, 'query-id\tcorpus-id\tscore\nq1\ttent\t1\nq4\tnotitle\t1\nq4\tboots\t1\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run eval', () => {
  it('writes a well-formed TREC run file, top 100 per query, and prints the metrics', async () => {
    const run = join(dir, 'out.run');
    const result = await evalCli([
      '--corpus',
      corpus,
      '--queries',
      queries,
      '--run',
      run,
      '--qrels',
      qrels,
      '--tag',
      'test',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/indexed: +153 documents/);
    // q1: "tent" at rank 1 → 1. q4: "notitle" at rank 1, "boots" not retrieved → 1 / (1 + 1/log2 3) = 0.6131.
    expect(result.stdout).toMatch(/nDCG@10: +0\.8066 \(2 judged queries\)/);
    expect(result.stdout).toMatch(/Recall@100: +0\.7500/);

    const lines = (await readFile(run, 'utf8')).trimEnd().split('\n');
    const rows = lines.map((line) => line.split(' '));
    for (const row of rows) {
      expect(row).toHaveLength(6);
      expect(row[1]).toBe('Q0');
      expect(row[5]).toBe('test');
      expect(Number.isFinite(Number(row[4]))).toBe(true);
    }
    const byQuery = Map.groupBy(rows, (row) => row[0]);
    expect([...byQuery.keys()]).toEqual(['q1', 'q2', 'q4']);
    expect(byQuery.get('q2')).toHaveLength(100);
    for (const group of byQuery.values()) {
      expect(group.map((row) => Number(row[3]))).toEqual(group.map((_, i) => i + 1));
      const scores = group.map((row) => Number(row[4]));
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(new Set(group.map((row) => row[2])).size).toBe(group.length);
    }
    expect(byQuery.get('q1')?.[0]?.[2]).toBe('tent');
  });

  it('explains a usage error and exits 2', async () => {
    const result = await evalCli(['--corpus', corpus, '--queries', queries]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing --run');
    expect(result.stderr).toContain('usage: npm run eval');
    expect((await evalCli(['--corpus', corpus, '--bogus', 'x'])).code).toBe(2);
  });

  it('names a missing or malformed input file and exits 1 without a stack', async () => {
    const missing = await evalCli([
      '--corpus',
      join(dir, 'nope.jsonl'),
      '--queries',
      queries,
      '--run',
      join(dir, 'x.run'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`eval: cannot read corpus file ${join(dir, 'nope.jsonl')}: no such file\n`);

    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, '{"_id":"a","title":"t","text":"ok"}\n{"_id":"b","title":"t"}\n');
    const malformed = await evalCli(['--corpus', bad, '--queries', queries, '--run', join(dir, 'x.run')]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(new RegExp(`^eval: ${bad}:2: not a corpus record at "text"`));
    expect(malformed.stderr).not.toMatch(/\n\s+at /);

    const spaced = join(dir, 'spaced.jsonl');
    await writeFile(spaced, '{"_id":"a b","title":"t","text":"ok"}\n');
    const run = join(dir, 'left.run');
    const badId = await evalCli(['--corpus', spaced, '--queries', queries, '--run', run]);
    expect(badId.code).toBe(1);
    expect(badId.stderr).toContain(
      `${spaced}:1: not a corpus record at "_id": an id must be non-empty and without whitespace`,
    );
    await expect(readFile(run, 'utf8')).rejects.toThrow(/ENOENT/); // no half-written run file is left

    const unwritable = await evalCli([
      '--corpus',
      corpus,
      '--queries',
      queries,
      '--run',
      join(dir, 'no', 'dir', 'x.run'),
    ]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain('cannot write run file');
  });
});

describe('runEval', () => {
  it('reports sizes and timings from the injected clock', async () => {
    let tick = 0;
    const summary = await runEval({
      corpusPath: corpus,
      queriesPath: queries,
      runPath: join(dir, 'r.run'),
      now: () => tick++,
    });
    expect(summary).toMatchObject({ documents: 153, passages: 153, queries: 4 });
    expect(summary.latencyMs.p95).toBe(1);
    expect(summary.metrics).toBeUndefined();
  });
});
