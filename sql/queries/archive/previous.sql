-- archive: the newest live entry of the same report and role with a lower version: the one a new version
-- supersedes. @kind, @period_code, @unit_code, @role, @version
select *
from archive_entry
where kind = @kind
  and period_code = @period_code
  and unit_code = @unit_code
  and role = @role
  and version < @version
  and state in ('draft', 'awaiting_signature', 'issued')
order by version desc, id desc
limit 1
