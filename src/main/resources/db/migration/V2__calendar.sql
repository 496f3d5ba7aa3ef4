-- The working-day calendar (工作日历): holiday arrangements stored by admins with PUT /api/calendar/{year}.
-- A stored year overrides the file of the same year shipped in calendar/holidays/ (see cn.duban.calendar.HolidayFiles).

-- One row a year: who stored it and when, and the State Council notices it follows.
create table duban.calendar_year (
  year        integer     primary key,
  papers      text[]      not null default '{}',
  updated_by  varchar(64) not null,
  updated_at  timestamptz not null,
  constraint calendar_year_range_check check (year between 2000 and 2099)
);

-- The days of a year that differ from Monday–Friday: is_off_day true = holiday (放假),
-- false = weekend day declared a working day (调休上班). A year's notice may list days of the December before.
create table duban.calendar_day (
  year        integer     not null references duban.calendar_year (year) on delete cascade,
  day         date        not null,
  name        varchar(50) not null,
  is_off_day  boolean     not null,
  primary key (year, day),
  constraint calendar_day_year_check check (
    extract(year from day) = year
    or (extract(year from day) = year - 1 and extract(month from day) = 12))
);
