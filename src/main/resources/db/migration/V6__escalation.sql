-- The escalation ladder's trace in the item read model: how far an open item has been escalated.
alter table item add column escalation_level varchar(20) not null default 'NONE'
  check (escalation_level in ('NONE', 'REMINDED', 'CHASED', 'SUPERVISED', 'BULLETINED'));
alter table item add column reminded_at   timestamptz;
alter table item add column chased_at     timestamptz;
alter table item add column supervised_at timestamptz;
-- marked for the periodic 通报 report
alter table item add column bulletin_at   timestamptz;
