-- Indexes justified by the benchmark suite (README, 基准测试 / Benchmarks; scenario 3: 100,000 open items over 20 units
-- and 100,000 closed ones, ten years of history). Each names the query it serves and the figure that shows it.

-- GET /api/items without a status filter (a cadre's list, the office's list): "order by due_at, code limit 50"
-- walks this index in order and stops after the page, instead of sorting every visible item.
-- Scenario 3, "/api/items cadre (2 units) page 50".
create index item_due_code_idx on duban.item (due_at, code);

-- Open items by deadline: the red/yellow/green filters of GET /api/items ("status <> 'CLOSED' and due_at < now")
-- and the dashboard's open counts skip the ten years of closed items.
-- Scenario 3, "/api/items office red page 50" and "dashboard".
create index item_open_due_idx on duban.item (due_at, code) where status <> 'CLOSED';

-- A cadre sees the items of their units as lead or co-unit: "co_unit_ids && units" can use an index only with GIN;
-- with it the visibility filter (unit, co-unit or assignee) becomes a bitmap OR and the page's count stays cheap.
-- Scenario 3, "/api/items cadre (2 units) page 50".
create index item_co_units_idx on duban.item using gin (co_unit_ids);
