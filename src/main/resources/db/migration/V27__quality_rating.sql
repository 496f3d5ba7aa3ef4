-- 办结质量评价 (issue 15): at 销号 the office rates the item's result; 考核 counts the grades. A remark says why,
-- and must for 较差 (the rule lives in ItemTaskListener; the check here keeps the stored grades to the four).
alter table duban.item add column quality_rating varchar(10)
  check (quality_rating in ('EXCELLENT', 'GOOD', 'FAIR', 'POOR'));
alter table duban.item add column quality_remark text;
comment on column duban.item.quality_rating is '办结质量评价 at 销号: EXCELLENT 优秀, GOOD 良好, FAIR 一般, POOR 较差';
comment on column duban.item.quality_remark is 'the office''s remark on the rating (required for POOR)';
