-- archive: the archivists' search (GET /api/archive): entries newest first; every filter optional (null = any).
-- @period_code, @unit_code, @kind, @state: filters; @limit: at most this many rows.
select *
from archive_entry
where (@period_code::text is null or period_code = @period_code)
  and (@unit_code::text is null or unit_code = @unit_code)
  and (@kind::text is null or kind = @kind)
  and (@state::text is null or state = @state)
order by archived_at desc, id desc
limit @limit
