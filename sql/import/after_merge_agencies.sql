-- Import agencies, after the upsert (so parents may be agencies of the same file): each agency's parent for
-- the whole of its validity. No parameters.
insert into agency_parent as t (agency_id, parent_id, valid_from, valid_to)
select a.id, p.id, s.valid_from, s.valid_to
from stage_agencies s
join agency a on a.code = s.code
join agency p on p.code = s.parent_code
on conflict (agency_id, valid_from) do update set parent_id = excluded.parent_id, valid_to = excluded.valid_to
where (t.parent_id, t.valid_to) is distinct from (excluded.parent_id, excluded.valid_to)
