-- archive: entries for `archive list`, newest report first; every filter optional (null = any).
-- @period_code, @unit_code, @kind, @state
select *
from archive_entry
where (@period_code::text is null or period_code = @period_code)
  and (@unit_code::text is null or unit_code = @unit_code)
  and (@kind::text is null or kind = @kind)
  and (@state::text is null or state = @state)
order by period_code desc, unit_code, kind, version, id
