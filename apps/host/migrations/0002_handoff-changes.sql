-- Up Migration

-- Every change of who answers a conversation (bot → waiting → with_agent → bot or closed), and who made
-- it: `bot` (the model handed over), `staff:<id>`, or `helpdesk` (an external helpdesk's webhook).
CREATE TABLE record_handoff_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES record_conversations (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('bot', 'waiting', 'with_agent', 'closed')),
  actor text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
  reason text,
  summary text CHECK (length(summary) <= 2000)
);
CREATE INDEX record_handoff_changes_conversation ON record_handoff_changes (conversation_id, at);

-- Down Migration

DROP TABLE record_handoff_changes;
