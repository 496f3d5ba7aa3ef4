-- duban's own tables, in schema "duban" (the engine keeps its ACT_* tables in the default schema).

-- 科室负责人: the heads of each unit (units themselves are Camunda groups of type 'unit').
create table unit_head (
  unit_id  varchar(64) not null,
  user_id  varchar(64) not null,
  primary key (unit_id, user_id)
);

-- Item codes are issued per year without gaps: DB2026-0001, DB2026-0002 ...
create table code_counter (
  prefix     varchar(40) primary key,
  last_value integer not null
);

-- The read model of items (事项), kept up to date by the item process.
create table item (
  code                varchar(40)  primary key,
  process_instance_id varchar(64)  unique,
  list_code           varchar(40),
  title               varchar(200) not null,
  requirement         text,
  unit_id             varchar(64)  not null,
  co_unit_ids         varchar(64)[] not null default '{}',
  assignee            varchar(64),
  leader_id           varchar(64),
  deadline            date         not null,
  due_at              timestamptz  not null,
  reporting_cycle     varchar(20),
  status              varchar(30)  not null,
  issued_by           varchar(64),
  issued_at           timestamptz  not null,
  signed_at           timestamptz,
  completed_at        timestamptz,
  closed_at           timestamptz,
  extension_count     integer      not null default 0,
  return_count        integer      not null default 0,
  updated_at          timestamptz  not null,
  constraint item_status_check check (status in
    ('ISSUED', 'IN_PROGRESS', 'PENDING_SIGNOFF', 'EXTENSION_PENDING', 'RETURNED', 'CLOSED'))
);
-- GET /api/items filters by unit and status and sorts by deadline
create index item_unit_status_idx on item (unit_id, status, due_at);
-- open items by deadline: traffic lights (red = past due_at) and "due soon" views
create index item_status_due_idx on item (status, due_at);
create index item_list_idx on item (list_code);
create index item_assignee_idx on item (assignee);

-- 进度反馈 and 办结 reports filed by the assignee.
create table progress_report (
  id          bigserial    primary key,
  item_code   varchar(40)  not null references item (code),
  kind        varchar(20)  not null check (kind in ('PROGRESS', 'COMPLETION')),
  content     text         not null,
  author      varchar(64)  not null,
  reported_at timestamptz  not null,
  task_id     varchar(64)
);
create index progress_report_item_idx on progress_report (item_code, reported_at);

-- Evidence files stored with the item, in the database, so a backup of the database is a backup of everything.
create table attachment (
  id           bigserial    primary key,
  item_code    varchar(40)  not null references item (code),
  file_name    varchar(255) not null,
  content_type varchar(100) not null,
  size_bytes   bigint       not null,
  sha256       char(64)     not null,
  content      bytea        not null,
  uploaded_by  varchar(64)  not null,
  uploaded_at  timestamptz  not null
);
create index attachment_item_idx on attachment (item_code);

-- Deadline changes (延期) with who asked, who approved, old and new deadline.
create table deadline_change (
  id            bigserial    primary key,
  item_code     varchar(40)  not null references item (code),
  old_deadline  date         not null,
  new_deadline  date         not null,
  reason        text,
  requested_by  varchar(64),
  approved_by   varchar(64),
  changed_at    timestamptz  not null
);
create index deadline_change_item_idx on deadline_change (item_code);
