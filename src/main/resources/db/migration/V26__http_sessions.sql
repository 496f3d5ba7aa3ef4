-- 登录会话 (issue 17): sign-in sessions live in PostgreSQL (Spring Session JDBC), so any node behind the load balancer
-- serves any person and a node's restart or death signs nobody out. Spring Session's own PostgreSQL schema
-- (spring-session-jdbc, schema-postgresql.sql), in duban's schema; Spring never creates these tables itself
-- (spring.session.jdbc.initialize-schema: never, table-name: duban.spring_session).
--   spring_session             one row per session: when it was last used and when it expires (DUBAN_SESSION_TIMEOUT)
--   spring_session_attributes  what the session holds (the signed-in person, the webapps' authentication and CSRF
--                              token), Java-serialised; deleted with its session
create table duban.spring_session (
  primary_id            char(36)     not null,
  session_id            char(36)     not null,
  creation_time         bigint       not null,
  last_access_time      bigint       not null,
  max_inactive_interval int          not null,
  expiry_time           bigint       not null,
  principal_name        varchar(100),
  constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on duban.spring_session (session_id);
comment on index duban.spring_session_ix1 is 'a request finds its session by the id in its cookie (Spring Session)';
create index spring_session_ix2 on duban.spring_session (expiry_time);
comment on index duban.spring_session_ix2 is 'the cleanup of expired sessions, every minute on each node (Spring Session)';
create index spring_session_ix3 on duban.spring_session (principal_name);
comment on index duban.spring_session_ix3 is 'a person''s sessions by user id (Spring Session''s find-by-principal)';

create table duban.spring_session_attributes (
  session_primary_id char(36)     not null,
  attribute_name     varchar(200) not null,
  attribute_bytes    bytea        not null,
  constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
  constraint spring_session_attributes_fk foreign key (session_primary_id)
    references duban.spring_session (primary_id) on delete cascade
);
