-- 考核 (issue 15): the rules a period is scored with, versioned. Each change adds a version (never an update), valid
-- from a day; a period is scored with the version in force on its last day (the highest valid_from on or before
-- it, the latest version of that day). Deductions are stored as the positive amount taken off; the grade values
-- are signed (a negative one deducts). Written only by the assessment module. Version 1 holds the defaults
-- (docs/assessment.md says why).
create table assessment_rules (
  version          integer      primary key check (version >= 1),
  valid_from       date         not null,
  base             numeric(6,1) not null,
  floor            numeric(6,1) not null,
  closed_on_time   numeric(6,1) not null,
  late_day         numeric(6,1) not null,
  open_overdue     numeric(6,1) not null,
  late_report      numeric(6,1) not null,
  extension        numeric(6,1) not null,
  returned         numeric(6,1) not null,
  supervised       numeric(6,1) not null,
  bulletined       numeric(6,1) not null,
  excellent        numeric(6,1) not null,
  good             numeric(6,1) not null,
  fair             numeric(6,1) not null,
  poor             numeric(6,1) not null,
  co_part_done     numeric(6,1) not null,
  co_part_waived   numeric(6,1) not null,
  changed_by       varchar(64)  not null,
  changed_at       timestamptz  not null,
  constraint assessment_rules_floor check (floor <= base)
);
create index assessment_rules_valid_idx on assessment_rules (valid_from, version);
comment on index assessment_rules_valid_idx is
  'AssessmentRulesRepository: the version in force on a day (highest valid_from on or before it, then the latest version)';

comment on table assessment_rules is '考核规则：每次修改新增一版，统计期间按其最后一天有效的版本计分';

insert into assessment_rules (version, valid_from, base, floor, closed_on_time, late_day, open_overdue, late_report,
  extension, returned, supervised, bulletined, excellent, good, fair, poor, co_part_done, co_part_waived,
  changed_by, changed_at)
values (1, date '2000-01-01', 100, 60, 1, 0.5, 3, 1, 0.5, 1, 2, 5, 2, 1, 0, -2, 0.5, 1, 'system', now());
