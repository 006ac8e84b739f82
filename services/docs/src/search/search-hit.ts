/** A ranked document, represented by its best-matching passage. */
export interface SearchHit {
  /** The document's id: for a help-center article, its slug. */
  id: string;
  title: string;
  /** Relevance score of the best passage (BM25 over the passage plus the title boost); higher is better. */
  score: number;
  /** Heading of the best passage; `null` when it is the lead before the first heading. */
  heading: string | null;
  /** URL fragment of the best passage, to link straight to it; `null` for the lead. */
  anchor: string | null;
  /** HTML-safe excerpt of the best passage with matched words in `<mark>`; absent when not requested. */
  snippet?: string;
}

export interface SearchOptions {
  /** Most documents to return, 1 to `MAX_LIMIT` (1,000). Default 10. */
  limit?: number;
  /** Cut a highlighted snippet for each hit. Default true; the eval turns it off. */
  snippets?: boolean;
}

/** What `SearchIndex.upsert` did, so a sync job can report changes. */
export type UpsertOutcome = 'added' | 'updated' | 'unchanged';
