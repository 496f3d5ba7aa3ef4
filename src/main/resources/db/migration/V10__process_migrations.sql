-- Every dry run and migration of running items to another process version, with the admin who ran it.
-- (The engine also writes a user operation log entry for each migration it executes.)
create table duban.process_migration (
    id              bigserial primary key,
    process_key     text        not null,
    source_versions text        not null,
    target_version  integer     not null,
    dry_run         boolean     not null,
    acted_by        text        not null,
    acted_at        timestamptz not null,
    instances       integer     not null,
    movable         integer     not null,
    blocked         integer     not null,
    batch_ids       text,
    report          text        not null
);

create index process_migration_key_time on duban.process_migration (process_key, acted_at desc);
