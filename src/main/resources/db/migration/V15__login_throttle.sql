-- 登录限速 (issue 12, point 4): failed sign-ins per user name and per client address. Kept in PostgreSQL so that
-- every node of one duban sees the same delays. A successful sign-in deletes the user's row; a row whose last failure
-- is older than duban.login.forget-after counts as empty and is deleted at the next failure.
create table duban.login_throttle (
  kind             varchar(10)  not null check (kind in ('user', 'address')),
  -- the user name as typed (cut to 200 characters), or the client's address
  value            varchar(200) not null,
  failures         integer      not null check (failures >= 0),
  last_failure_at  timestamptz  not null,
  -- until then every attempt is refused without looking at the password; null: the next attempt may go ahead
  delayed_until    timestamptz,
  primary key (kind, value)
);
create index login_throttle_last_failure_idx on duban.login_throttle (last_failure_at);
comment on index duban.login_throttle_last_failure_idx is
  'clean-up of failures older than the throttling window (LoginThrottle), and the admin page of current delays';
