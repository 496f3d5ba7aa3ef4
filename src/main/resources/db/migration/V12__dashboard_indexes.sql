-- Indexes for the 督办台 (GET /api/dashboard, the 督办台 page), justified by the benchmark suite (README, 基准测试 /
-- Benchmarks; scenario 3: 100,000 open items and ten years of closed ones).

-- "督办 in progress": open items escalated to 督办 or 通报, first 200 by deadline. Without it PostgreSQL walks every
-- open item in deadline order looking for the few that are escalated that far.
-- Scenario 3, "dashboard GET /api/dashboard".
create index item_supervised_idx on duban.item (due_at, code)
  where status <> 'CLOSED' and escalation_level in ('SUPERVISED', 'BULLETINED');

-- The monthly trend's closings ("status = 'CLOSED' and closed_at >= ? and closed_at < ?", last 12 months) and the
-- period's closings read only the window instead of ten years of closed items.
-- Scenario 3, "dashboard GET /api/dashboard".
create index item_closed_at_idx on duban.item (closed_at) where status = 'CLOSED';
