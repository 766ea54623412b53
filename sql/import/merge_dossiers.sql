-- Import dossiers: merge the staging rows into dossier by code. A new code is inserted; an existing one is
-- replaced only when the incoming updated_at is newer (newest wins), so re-importing a file changes nothing.
-- Returns the number of rows inserted and updated. No parameters.
with input as (
  select s.*, p.id as procedure_id, r.id as receiving_agency_id, d.id as deciding_agency_id
  from stage_dossiers s
  join procedure p on p.code = s.procedure_code
  join agency r on r.code = s.receiving_agency_code
  join agency d on d.code = s.deciding_agency_code
),
merged as (
  insert into dossier as t (code, procedure_id, receiving_agency_id, deciding_agency_id, channel, received_at, due_at,
                            finished_at, returned_at, ended_at, state, has_fee, paid_online, result_digitised,
                            reused_digitised, rating, updated_at)
  select i.code, i.procedure_id, i.receiving_agency_id, i.deciding_agency_id, i.channel, i.received_at, i.due_at,
         i.finished_at, i.returned_at, i.ended_at, i.state, i.has_fee, i.paid_online, i.result_digitised,
         i.reused_digitised, i.rating, i.updated_at
  from input i
  on conflict (code) do update set
    procedure_id = excluded.procedure_id, receiving_agency_id = excluded.receiving_agency_id,
    deciding_agency_id = excluded.deciding_agency_id, channel = excluded.channel, received_at = excluded.received_at,
    due_at = excluded.due_at, finished_at = excluded.finished_at, returned_at = excluded.returned_at,
    ended_at = excluded.ended_at, state = excluded.state, has_fee = excluded.has_fee,
    paid_online = excluded.paid_online, result_digitised = excluded.result_digitised,
    reused_digitised = excluded.reused_digitised, rating = excluded.rating, updated_at = excluded.updated_at
  where t.updated_at < excluded.updated_at
  returning (xmax = 0) as inserted
)
select count(*) filter (where m.inserted) as inserted, count(*) filter (where not m.inserted) as updated
from merged m
