/** Tag written in the last column of run lines when none is given. */
export const DEFAULT_RUN_TAG = 'shopchat-docs';

/**
 * One line of a TREC run file: `qid Q0 docid rank score tag`, with rank counted from 1. Ids and the tag
 * must not contain whitespace, or trec_eval would read the columns wrongly; the score is printed with
 * enough digits that ties created by rounding cannot reorder the ranking.
 */
export function formatRunLine(queryId: string, docId: string, rank: number, score: number, tag: string): string {
  for (const [what, value] of [
    ['query id', queryId],
    ['document id', docId],
    ['tag', tag],
  ] as const) {
    if (value === '' || /\s/.test(value))
      throw new RangeError(`TREC run ${what} must be non-empty without spaces: "${value}"`);
  }
  return `${queryId} Q0 ${docId} ${rank} ${score.toFixed(6)} ${tag}`;
}
