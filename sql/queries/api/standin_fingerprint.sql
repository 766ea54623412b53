-- Stand-in producer: a data fingerprint from a count query (the real pipeline hashes its extract results).
-- Dossiers decided by the unit and its sub-units, received in [@start, @end), in the fields @field_codes (null:
-- all). @unit_id, @on, @start, @end, @field_codes
with units as (
  select s.id from agency_subtree_on(@unit_id, @on) as s(id)
),
dossiers as (
  select d.id, d.updated_at, d.state
  from dossier d
  join procedure p on p.id = d.procedure_id
  join field f on f.id = p.field_id
  where d.deciding_agency_id in (select id from units)
    and d.received_at >= @start and d.received_at < @end
    and (@field_codes::text[] is null or f.code = any(@field_codes))
)
select count(*) as dossiers,
       count(*) filter (where state = 'resolved') as resolved,
       coalesce(to_char(max(updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '') as last_update
from dossiers
