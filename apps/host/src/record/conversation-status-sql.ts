/**
 * Hours without a word from the customer after which a conversation the bot was handling counts as ended
 * (closed, and resolved by the bot unless rated 1–3): the rule support products bill by
 * (docs/decisions/0025-conversation-record.md).
 */
export const QUIET_HOURS = 24;

/**
 * SQL of a conversation's status as the console shows it, for `record_conversations` aliased `c`, with the
 * current instant as parameter `$n`: a `bot` conversation that has been quiet for {@link QUIET_HOURS} is
 * `closed`.
 */
export function statusSql(nowParam: number): string {
  return `(CASE WHEN c.status = 'bot' AND c.last_activity_at < $${nowParam}::timestamptz - interval '${QUIET_HOURS} hours'
    THEN 'closed' ELSE c.status END)`;
}

/** SQL that is true when a conversation (`c`, rating `f.rating`) was resolved by the bot; see {@link QUIET_HOURS}. */
export function resolvedSql(nowParam: number): string {
  return `(NOT c.handed_off AND c.status NOT IN ('waiting', 'with_agent') AND (f.rating >= 4 OR (f.rating IS NULL
    AND c.last_activity_at < $${nowParam}::timestamptz - interval '${QUIET_HOURS} hours')))`;
}
