-- 群机器人 (issue 14): one group robot per unit (钉钉, 企业微信 or 飞书) for the unit's daily digest of overdue items.
create table duban.unit_robot (
  unit_id     varchar(64)  primary key,
  type        varchar(10)  not null check (type in ('dingtalk', 'wecom', 'feishu')),
  -- the webhook carries the robot's token: shown masked, never logged
  webhook     varchar(500) not null,
  -- signing secret (钉钉 加签 SEC…, 飞书 签名校验); null when the robot checks a keyword or the address instead
  secret      varchar(200),
  -- a keyword the robot requires in every message (钉钉/飞书 自定义关键词); null when none
  keyword     varchar(50),
  updated_at  timestamptz  not null,
  updated_by  varchar(64)  not null
);

-- a unit's digest is a notification message addressed to 'unit:<id>' (kind UNIT_DIGEST), delivered on the robot
-- channel only; one per unit and day, whatever the number of nodes
create unique index notification_message_unit_digest_idx on duban.notification_message (recipient, day)
  where kind = 'UNIT_DIGEST';
comment on index duban.notification_message_unit_digest_idx is
  'one robot digest per unit and day (RobotDigests inserts with on conflict do nothing)';

-- a robot takes at most 20 messages a minute (the platforms' limit): a slot is taken, in a committed transaction,
-- before each post; a post that finds 20 slots in the last minute waits (RobotRateLimit)
create table duban.robot_post_slot (
  -- sha-256 of the webhook: units sharing a group share its limit
  webhook_key varchar(64) not null,
  taken_at    timestamptz not null
);
create index robot_post_slot_idx on duban.robot_post_slot (webhook_key, taken_at);
comment on index duban.robot_post_slot_idx is 'counting a robot''s posts of the last minute (RobotRateLimit)';
