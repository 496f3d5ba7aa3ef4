-- 协办: each co-unit's part of an item (主办/协办), kept by the item process.
create table co_unit_part (
  item_code    varchar(40)  not null references item (code),
  unit_id      varchar(64)  not null,
  status       varchar(20)  not null check (status in ('PENDING', 'SIGNED', 'DONE', 'WAIVED')),
  assignee     varchar(64),
  signed_at    timestamptz,
  report       text,
  done_at      timestamptz,
  waived_by    varchar(64),
  waive_reason text,
  primary key (item_code, unit_id)
);
