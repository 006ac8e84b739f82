import { z } from 'zod';

/**
 * BEIR ids are strings, but some exports write numeric ids; both are read as strings. An id with
 * whitespace would break the columns of a TREC run file, so it is refused here, with its line number.
 */
const beirId = z
  .union([z.string().regex(/^\S+$/, 'an id must be non-empty and without whitespace'), z.number()])
  .transform(String);

/**
 * A line of a BEIR `corpus.jsonl`. Loose: BEIR files carry extra fields (`metadata`) that we ignore,
 * and `title` is often empty or missing.
 */
export const beirDocumentSchema = z.looseObject({
  _id: beirId,
  title: z
    .string()
    .nullish()
    .transform((title) => title ?? ''),
  text: z.string(),
});

/** A line of a BEIR `queries.jsonl`. */
export const beirQuerySchema = z.looseObject({
  _id: beirId,
  text: z.string(),
});
