-- Idempotency-Key of POST /api/items and /api/lists (and the pages' forms): the first request with a key inserts its
-- row in the same transaction as its work, so a second request with the same key waits for the first to commit (and
-- is answered with its result) or to roll back (and then does the work itself). Rows older than 24 h are removed.
create table idempotency_key (
  user_id     varchar(64)  not null,
  idem_key    varchar(200) not null,
  operation   varchar(40)  not null,
  -- SHA-256 of the operation and the request's meaningful content (for an upload: the file's digest and the fields)
  fingerprint char(64)     not null,
  -- the first result as JSON, written before the transaction commits
  result      text,
  created_at  timestamptz  not null,
  primary key (user_id, idem_key)
);
create index idempotency_key_created_idx on idempotency_key (created_at);
comment on index duban.idempotency_key_created_idx is
  'removal of Idempotency-Key records older than 24 hours (Idempotency clean-up)';
