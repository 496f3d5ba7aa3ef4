-- 反馈逾期: a period of an item's reporting cycle (每周/每两周/每月/每季度) that closed without a progress report from
-- the unit that owed it. Written by the item module when the period's due time passes; never deleted or changed by a
-- later report (a late report does not erase it). Co-units owe reports on the lead unit's cycle in their 协办反馈
-- (co_unit = true, unit_id = the co-unit).
create table late_report (
  id           bigserial    primary key,
  item_code    varchar(40)  not null references item (code),
  unit_id      varchar(64)  not null,
  co_unit      boolean      not null default false,
  assignee     varchar(64),
  period_start date         not null,
  period_end   date         not null,
  due_at       timestamptz  not null,
  recorded_at  timestamptz  not null,
  constraint late_report_once unique (item_code, unit_id, period_start),
  constraint late_report_period check (period_start <= period_end)
);
create index late_report_unit_idx on late_report (unit_id, due_at);
comment on index late_report_unit_idx is
  '督办台 and 考核: a unit''s 反馈逾期 due within a period (unit_id = ? and due_at in the period)';

comment on table late_report is '反馈逾期：报告周期内未按时反馈进度，记录后不因补报而消除';

-- other modules (督办台, 考核, audit) read it through its report view, as V31's
create view late_report_report as select * from late_report;
