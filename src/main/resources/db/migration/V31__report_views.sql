-- What the reports read of other modules' tables (ModuleWallsTest): the 督办台 (supervision), the audit and the list
-- export read items, deadline changes, co-unit parts, attachments and unit heads through these views, which the
-- owning modules (item; organisation for unit heads) keep. Writers stay the owners alone. Each view names its columns
-- once, here (a "*" is fixed when the view is created): a column a report needs later is added to its view by the
-- migration that adds it. Attachments' content stays out (reports read the metadata and digests only).
create view item_report as select * from item;
create view deadline_change_report as select * from deadline_change;
create view co_unit_part_report as select * from co_unit_part;
create view attachment_report as
  select id, item_code, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at from attachment;
create view unit_head_report as select * from unit_head;
