/** One way of saying what a clause asks for: index terms searched together, and how much a match counts. */
export interface ClauseAlternative {
  terms: readonly string[];
  /** 1 for the customer's own words; less for synonyms and broader words. */
  weight: number;
  /** The customer's word is unknown to the catalogue and could not be corrected: match it approximately. */
  approximate?: boolean;
}

/**
 * One thing the customer asked for ("hiking boots", "leather", "red"). A product scores the best of the
 * clause's alternatives, never their sum, so a concept with many synonyms does not outweigh one without
 * any; the clauses' scores add up.
 */
export interface QueryClause {
  alternatives: readonly ClauseAlternative[];
}
