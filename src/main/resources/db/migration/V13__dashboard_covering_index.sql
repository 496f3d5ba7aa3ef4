-- The 督办台's counts per unit (lights, issued, closed on time / late, open overdue) and its ranking of people read
-- only these columns of every open item and of the period's items. Read from this index alone (about a seventh of
-- the table's width: an item row also carries its title, requirement and result), the two aggregates take about
-- half the time. Scenario 3, "dashboard GET /api/dashboard" (README, 基准测试 / Benchmarks).
create index item_dashboard_idx on duban.item (unit_id, assignee)
  include (status, due_at, issued_at, closed_at, escalation_level);
