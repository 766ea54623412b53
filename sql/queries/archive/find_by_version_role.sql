-- archive: the entry of one role of one report version (idempotency of StoreAsync).
-- @report_version_id, @role
select *
from archive_entry
where report_version_id = @report_version_id
  and role = @role
