-- 推送渠道 (issue 14): why a delivery stopped. FAILED now covers two cases the admins' page tells apart:
--   PERMANENT  the platform refused it for good (unknown user, blocked app, invalid template …): not retried
--   GAVE_UP    it failed duban.notify.max-attempts times (a long outage)
--   IN_DOUBT   a node stopped in the middle of sending on a channel that cannot tell whether it arrived (robots):
--              not sent again by itself, so a group never gets it twice; an admin checks and retries
alter table duban.notification_delivery add column failure varchar(10)
  check (failure in ('PERMANENT', 'GAVE_UP', 'IN_DOUBT'));
update duban.notification_delivery set failure = 'GAVE_UP' where status = 'FAILED';
-- figures per channel and state on the admins' page
create index notification_delivery_channel_status_idx on duban.notification_delivery (channel, status);
comment on index duban.notification_delivery_channel_status_idx is
  'figures per channel and state, and the list of deliveries by channel and state (admins'' page)';
