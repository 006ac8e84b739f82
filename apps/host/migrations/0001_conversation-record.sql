-- Up Migration

-- One row per conversation the host has answered. `customer_id` is the `sub` of the customer token
-- (never the token); NULL for an anonymous visitor.
CREATE TABLE record_conversations (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  customer_id text CHECK (length(customer_id) BETWEEN 1 AND 128),
  status text NOT NULL DEFAULT 'bot' CHECK (status IN ('bot', 'waiting', 'with_agent', 'closed')),
  handed_off boolean NOT NULL DEFAULT false,
  started_at timestamptz NOT NULL,
  last_activity_at timestamptz NOT NULL,
  last_customer_message_at timestamptz,
  turns integer NOT NULL DEFAULT 0 CHECK (turns >= 0)
);
-- The console's list: newest first, keyset-paginated, optionally for one customer.
CREATE INDEX record_conversations_activity ON record_conversations (last_activity_at DESC, id DESC);
CREATE INDEX record_conversations_customer ON record_conversations (customer_id, last_activity_at DESC, id DESC);
-- Metrics and retention select by start.
CREATE INDEX record_conversations_started ON record_conversations (started_at);

-- One row per turn; its id is the turn id, so a retried turn is written once.
CREATE TABLE record_turns (
  id text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES record_conversations (id) ON DELETE CASCADE,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  outcome text NOT NULL
    CHECK (outcome IN ('stop', 'approval', 'length', 'iteration-limit', 'error', 'aborted', 'failed')),
  trace_id text CHECK (trace_id ~ '^[0-9a-f]{32}$'),
  ttft_ms integer CHECK (ttft_ms >= 0),
  input_tokens integer NOT NULL DEFAULT 0,
  output_tokens integer NOT NULL DEFAULT 0,
  cache_creation_input_tokens integer NOT NULL DEFAULT 0,
  cache_read_input_tokens integer NOT NULL DEFAULT 0,
  cost_usd numeric(14, 6) NOT NULL DEFAULT 0
);
CREATE INDEX record_turns_conversation ON record_turns (conversation_id, started_at);
CREATE INDEX record_turns_started ON record_turns (started_at);

-- The UI messages (AI SDK parts) as the widget showed them; `text` is their plain text, for search.
CREATE TABLE record_messages (
  conversation_id text NOT NULL REFERENCES record_conversations (id) ON DELETE CASCADE,
  id text NOT NULL,
  role text NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
  parts jsonb NOT NULL,
  text text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  turn_id text NOT NULL,
  PRIMARY KEY (conversation_id, id)
);
CREATE INDEX record_messages_search ON record_messages USING gin (to_tsvector('simple', text));

CREATE TABLE record_model_calls (
  turn_id text NOT NULL REFERENCES record_turns (id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq >= 1),
  conversation_id text NOT NULL,
  model text NOT NULL,
  input_tokens integer NOT NULL,
  output_tokens integer NOT NULL,
  cache_creation_input_tokens integer NOT NULL,
  cache_read_input_tokens integer NOT NULL,
  cost_usd numeric(14, 6) NOT NULL,
  duration_ms integer NOT NULL CHECK (duration_ms >= 0),
  stop_reason text,
  PRIMARY KEY (turn_id, seq)
);

-- `args` is the canonical JSON of the arguments; `error_code` the server's stable code of a tool error.
CREATE TABLE record_tool_calls (
  conversation_id text NOT NULL REFERENCES record_conversations (id) ON DELETE CASCADE,
  id text NOT NULL,
  turn_id text NOT NULL,
  server text NOT NULL,
  tool text NOT NULL,
  args jsonb NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('ok', 'tool_error', 'unavailable', 'refused', 'denied')),
  error_code text,
  duration_ms integer NOT NULL CHECK (duration_ms >= 0),
  at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, id)
);
CREATE INDEX record_tool_calls_at ON record_tool_calls (at);

-- Each destructive call put to the customer, and their answer (NULL while unanswered).
CREATE TABLE record_approvals (
  conversation_id text NOT NULL REFERENCES record_conversations (id) ON DELETE CASCADE,
  id text NOT NULL,
  tool_call_id text NOT NULL,
  tool text NOT NULL,
  args_hash text NOT NULL CHECK (args_hash ~ '^[0-9a-f]{64}$'),
  summary text NOT NULL,
  asked_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  approved boolean,
  answered_by text,
  answered_at timestamptz,
  PRIMARY KEY (conversation_id, id)
);

-- The customer's rating of a conversation (CSAT): one per conversation.
CREATE TABLE record_feedback (
  conversation_id text PRIMARY KEY REFERENCES record_conversations (id) ON DELETE CASCADE,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment text CHECK (length(comment) <= 2000),
  created_at timestamptz NOT NULL
);

-- Who erased or purged what, kept after the data is gone (it names no message content).
CREATE TABLE record_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL CHECK (action IN ('erase_customer', 'purge_expired')),
  subject text,
  detail jsonb NOT NULL DEFAULT '{}'
);

-- Down Migration

DROP TABLE record_audit;
DROP TABLE record_feedback;
DROP TABLE record_approvals;
DROP TABLE record_tool_calls;
DROP TABLE record_model_calls;
DROP TABLE record_messages;
DROP TABLE record_turns;
DROP TABLE record_conversations;
