-- 任务清单: a list issued as a whole (usually imported from the office's Excel sheet); its items keep list_code.
create table task_list (
  code                varchar(40)  primary key,
  name                varchar(200) not null,
  issued_by_unit      varchar(64),
  issued_on           date         not null,
  source              varchar(40),
  file_name           varchar(255),
  process_instance_id varchar(64),
  created_by          varchar(64)  not null,
  created_at          timestamptz  not null,
  item_count          integer      not null,
  closed_at           timestamptz
);
-- GET /api/lists, newest first
create index task_list_created_idx on task_list (created_at desc);

-- what a list row carries beyond the item itself: its 序号 in the office's sheet and its 备注
alter table item add column list_row varchar(20);
alter table item add column remark text;
