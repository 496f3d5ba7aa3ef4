-- 通知: notifications that are never lost and never doubled (cn.duban.notify).
--   notification          the outbox: one row per notification, written in the caller's (the engine's) transaction
--   notification_message  what is delivered: one notification, or a digest of several (汇总) of one person, kind and day
--   notification_delivery one row per message and channel (inbox, email …): attempts, back-off, the last error
--   inbox_message         the in-app inbox (站内消息): one row per message, written exactly once

create table duban.notification_message (
  id          bigserial    primary key,
  recipient   varchar(64)  not null,
  kind        varchar(20)  not null,
  day         date         not null,
  subject     varchar(300) not null,
  body        text         not null,
  -- the item's page for a single notification; null for a digest (each item carries its own link)
  link        varchar(500),
  item_count  integer      not null,
  created_at  timestamptz  not null
);

create table duban.notification (
  id            bigserial    primary key,
  recipient     varchar(64)  not null,
  kind          varchar(20)  not null,
  -- no foreign key to duban.item: the outbox must accept whatever the escalation step sends, and is kept for the record
  item_code     varchar(40)  not null,
  item_title    varchar(200) not null,
  step          varchar(64)  not null,
  deadline      date         not null,
  day           date         not null,
  subject       varchar(300) not null,
  body          text         not null,
  link          varchar(500) not null,
  digestible    boolean      not null,
  created_at    timestamptz  not null,
  -- not composed into a message before this instant (digestible kinds wait a little so that one digest gathers all)
  deliver_after timestamptz  not null,
  -- the message this notification went out in; null while it waits in the outbox
  message_id    bigint       references duban.notification_message (id)
);
-- the dedup key: a retried job or a second node enqueueing the same notification stores it once
create unique index notification_dedup_idx on duban.notification (item_code, step, kind, deadline, day, recipient);
create index notification_waiting_idx on duban.notification (deliver_after) where message_id is null;
create index notification_waiting_group_idx on duban.notification (recipient, kind, day) where message_id is null;
create index notification_message_idx on duban.notification (message_id);

create table duban.notification_delivery (
  message_id      bigint       not null references duban.notification_message (id),
  channel         varchar(20)  not null,
  -- SENDING: claimed by a node for an external send (e-mail); due again at next_attempt_at if that node died
  status          varchar(10)  not null check (status in ('PENDING', 'SENDING', 'SENT', 'SKIPPED', 'FAILED')),
  attempts        integer      not null default 0,
  next_attempt_at timestamptz  not null,
  last_error      text,
  sent_at         timestamptz,
  updated_at      timestamptz  not null,
  primary key (message_id, channel)
);
create index notification_delivery_due_idx on duban.notification_delivery (channel, next_attempt_at)
  where status in ('PENDING', 'SENDING');
create index notification_delivery_failed_idx on duban.notification_delivery (updated_at) where status = 'FAILED';

create table duban.inbox_message (
  id          bigserial    primary key,
  -- unique: the inbox gets each message once, whatever happens to the node that delivers it
  message_id  bigint       not null unique references duban.notification_message (id),
  recipient   varchar(64)  not null,
  created_at  timestamptz  not null,
  read_at     timestamptz
);
create index inbox_message_recipient_idx on duban.inbox_message (recipient, created_at desc, id desc);
create index inbox_message_unread_idx on duban.inbox_message (recipient) where read_at is null;
