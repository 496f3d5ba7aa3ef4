-- The escalation ladder's thresholds chosen for one list when it was issued (duban.escalation.* are the defaults).
-- A column left null takes the default; a list without a row takes all defaults.
create table duban.task_list_escalation (
  list_code                    varchar(40) primary key references duban.task_list (code),
  remind_working_days_before   integer check (remind_working_days_before between 0 and 20),
  supervise_working_days_after integer check (supervise_working_days_after between 1 and 30),
  bulletin_working_days_after  integer check (bulletin_working_days_after between 1 and 60)
);
