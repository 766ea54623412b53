-- The chain of parents of an agency on a date, nearest first (to find the province that heads a unit's report).
-- Row: one ancestor id with its depth. Parameters: @agency_id integer, @on date.
with recursive up (id, depth) as (
  select @agency_id::integer, 0
  union all
  select p.parent_id, u.depth + 1
  from agency_parent p join up u on p.agency_id = u.id
  where p.valid_from <= @on::date and (p.valid_to is null or p.valid_to > @on::date) and u.depth < 10
)
select id, depth from up order by depth
