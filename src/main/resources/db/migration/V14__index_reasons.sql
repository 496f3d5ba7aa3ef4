-- Why each of duban's indexes exists, kept in the catalogue beside the index (psql: \di+ duban.*), so that a DBA
-- sees it where the index is. Scenario numbers refer to the benchmark suite (README, 基准测试 / Benchmarks);
-- indexes for pages no scenario measures say which query they serve. IndexReasonsTest fails for an index without
-- a reason, here or in EngineIndexes.

-- V1: the item read model
comment on index duban.item_unit_status_idx is
  'GET /api/items filtered by unit and status, sorted by deadline (scenario 3: /api/items office unit+status)';
comment on index duban.item_status_due_idx is
  'items of a status by deadline: GET /api/items filtered by status, the pages waiting for 销号';
comment on index duban.item_list_idx is
  'one task list''s items: GET /api/lists/{code}, its export and the list filter of 督办台 and /api/items';
comment on index duban.item_assignee_idx is
  'items assigned to a person: a cadre''s own items in GET /api/items and the item table''s person filter';
comment on index duban.progress_report_item_idx is
  'an item''s progress reports in order (item page, timeline, 审计); without it each item page reads every report';
comment on index duban.attachment_item_idx is
  'an item''s attachments (item page, timeline, 审计)';
comment on index duban.deadline_change_item_idx is
  'an item''s deadline changes (item page, timeline, extensions in 通报 and the list export)';

-- V3: task lists
comment on index duban.task_list_created_idx is 'GET /api/lists and the list filter, newest first';

-- V5: notifications (scenario 2: 20,000 逾期催办 notifications enqueued, grouped into digests and delivered)
comment on index duban.notification_dedup_idx is
  'the dedup key (item, step, kind, deadline, day, recipient): a retried job or a second node stores a notification once (scenario 2)';
comment on index duban.notification_waiting_idx is
  'the outbox: notifications waiting to be grouped, by the time they may go out (scenario 2, notification delivery)';
comment on index duban.notification_waiting_group_idx is
  'one person''s waiting notifications of a kind and day, grouped into one digest (scenario 2)';
comment on index duban.notification_message_idx is 'the notifications a message (digest) carries (scenario 2)';
comment on index duban.notification_delivery_due_idx is
  'deliveries due per channel, claimed with SKIP LOCKED by every node (scenario 2)';
comment on index duban.notification_delivery_failed_idx is 'failed deliveries for the admins'' list';
comment on index duban.inbox_message_recipient_idx is 'GET /api/notifications: a person''s inbox, newest first';
comment on index duban.inbox_message_unread_idx is 'the unread count shown on every duban page';

-- V9, V10: audit and process migrations
comment on index duban.audit_export_at_idx is 'the export log (审计), newest first';
comment on index duban.break_glass_grant_user_idx is
  'whether a person holds an unexpired break-glass grant, asked on every attempt to erase history';
comment on index duban.history_erasure_at_idx is 'the log of attempts to erase history, newest first';
comment on index duban.process_migration_key_time is 'the migrations page: a process''s migrations, newest first';

-- V11-V13: the benchmark's indexes (their reasons are also in those files)
comment on index duban.item_due_code_idx is
  'GET /api/items sorted by deadline across units (scenario 3: /api/items cadre, office red)';
comment on index duban.item_open_due_idx is 'open items by deadline (scenario 3: /api/items, 督办台 due soon)';
comment on index duban.item_co_units_idx is
  'items where a unit is a co-unit (协办): a cadre''s items in GET /api/items (scenario 3: /api/items cadre)';
comment on index duban.item_supervised_idx is '督办台: 督办 in progress (scenario 3: dashboard)';
comment on index duban.item_closed_at_idx is '督办台: closings by month and in the period (scenario 3: dashboard)';
comment on index duban.item_dashboard_idx is
  '督办台: per-unit counts and the people ranking read from the index alone (scenario 3: dashboard)';
