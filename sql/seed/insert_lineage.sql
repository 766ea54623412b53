-- Seed: predecessor -> successor links of the 2025-07-01 reorganisation.
-- Parameters: @predecessor, @successor, @change_kind (text[]), @effective_on (date[]).
with input as (
  select * from unnest(@predecessor::text[], @successor::text[], @effective_on::date[], @change_kind::text[])
    as i (predecessor, successor, effective_on, change_kind)
)
insert into agency_lineage (predecessor_id, successor_id, effective_on, change_kind)
select p.id, s.id, i.effective_on, i.change_kind
from input i
join agency p on p.code = i.predecessor
join agency s on s.code = i.successor
on conflict do nothing
