-- 延期申请 as duban records them when the assignee asks: who asked, for which date and why, and the leader's
-- decision. The approval reads the request from here, never from process variables a person could have written,
-- and the approver must not be the one who asked.
create table extension_request (
  id            bigserial    primary key,
  item_code     varchar(40)  not null references item (code),
  requested_by  varchar(64)  not null,
  requested_at  timestamptz  not null,
  new_deadline  date         not null,
  reason        text         not null,
  decision      varchar(10)  check (decision in ('APPROVED', 'REJECTED')),
  decided_by    varchar(64),
  decided_at    timestamptz,
  decision_note text
);
create index extension_request_item_idx on extension_request (item_code, id desc);
comment on index duban.extension_request_item_idx is
  'an item''s latest 延期申请: the approval task reads it (approver, date, reason) and the item page lists them';
