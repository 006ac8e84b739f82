import { z } from 'zod';

/** A section a document arrives already split into (e.g. by an ingestion step that parsed HTML). */
export const documentSectionSchema = z.strictObject({
  heading: z.string(),
  /** URL fragment of the section; derived from the heading, GitHub style, when absent. */
  anchor: z.string().optional(),
  text: z.string(),
});

/**
 * What the search index accepts: a help-center article (id = slug, Markdown body) or any other document,
 * such as a BEIR corpus record. Strict, because these are our own records.
 */
export const searchDocumentSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string(),
  /** Body text; Markdown headings split it into passages unless `sections` is given. */
  text: z.string(),
  /** Pre-split sections; when present, `text` is only the lead before the first section. */
  sections: z.array(documentSectionSchema).optional(),
});

export type DocumentSection = z.infer<typeof documentSectionSchema>;
export type SearchDocument = z.infer<typeof searchDocumentSchema>;
