-- 通知偏好 (issue 14): which channels reach a person for each kind of notification, and their quiet hours.
-- A person without a row for a kind gets the bureau's defaults (duban.notify.preferences.defaults).
create table duban.notification_preference (
  user_id   varchar(64)  not null,
  kind      varchar(20)  not null,
  -- channel names (wecom, dingtalk, sms, email); the inbox always gets every message and is never listed
  channels  varchar(20)[] not null,
  updated_at timestamptz not null,
  primary key (user_id, kind)
);

create table duban.notification_quiet_hours (
  user_id     varchar(64) primary key,
  -- HH:mm-HH:mm inside the bureau's quiet hours (DUBAN_QUIET_HOURS), or '' for none
  quiet_hours varchar(11) not null,
  updated_at  timestamptz not null
);
