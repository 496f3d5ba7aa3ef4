-- 审计: who exported which history, and every attempt to erase history (refused, or allowed under break-glass).

-- One row per export of the audit search (GET /api/audit/export): who, when, which filters, how many rows, and the
-- SHA-256 of the exact bytes sent, so that a file shown later can be proven to be (or not be) what duban gave out.
create table duban.audit_export (
  id           bigserial    primary key,
  exported_by  varchar(64)  not null,
  exported_at  timestamptz  not null,
  format       varchar(10)  not null check (format in ('XLSX', 'CSV')),
  filters      text         not null,
  row_count    integer      not null,
  file_name    varchar(255) not null,
  size_bytes   bigint       not null,
  sha256       char(64)     not null
);
create index audit_export_at_idx on duban.audit_export (exported_at desc, id desc);

-- 紧急授权 (break-glass): a time-limited grant, opened by an admin with a reason while the operators have switched
-- the procedure on (DUBAN_BREAK_GLASS_ENABLED=true). Only while a grant is open may that admin erase history.
create table duban.break_glass_grant (
  id          bigserial    primary key,
  granted_to  varchar(64)  not null,
  reason      text         not null,
  reference   varchar(100) not null,
  opened_at   timestamptz  not null,
  expires_at  timestamptz  not null,
  closed_at   timestamptz,
  closed_by   varchar(64)
);
create index break_glass_grant_user_idx on duban.break_glass_grant (granted_to, expires_at);

-- Every attempt to erase history through the engine (REST, Cockpit, Java): refused ones in their own transaction,
-- allowed ones (under a grant) in the transaction of the erasure itself, so the row exists if and only if it happened.
create table duban.history_erasure (
  id          bigserial    primary key,
  attempted_at timestamptz not null,
  user_id     varchar(64),
  command     varchar(100) not null,
  target      text,
  allowed     boolean      not null,
  grant_id    bigint       references duban.break_glass_grant (id)
);
create index history_erasure_at_idx on duban.history_erasure (attempted_at desc, id desc);
