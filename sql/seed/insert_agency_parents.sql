-- Seed: each agency's parent for the whole of its validity.
-- Parameters: @code, @parent_code (text[]).
with input as (
  select * from unnest(@code::text[], @parent_code::text[]) as i (code, parent_code)
)
insert into agency_parent (agency_id, parent_id, valid_from, valid_to)
select a.id, p.id, a.valid_from, a.valid_to
from input i
join agency a on a.code = i.code
join agency p on p.code = i.parent_code
on conflict do nothing
