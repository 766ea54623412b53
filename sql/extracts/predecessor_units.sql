-- "Same period last year": the units whose figures make up @agency_id on @on (itself if it existed then, else
-- its predecessors through lineage), each with its subtree on @on.
-- Row: one predecessor and one agency id of its subtree. Parameters: @agency_id integer, @on date.
select p.id as predecessor_id, s.id as agency_id
from agency_predecessors_on(@agency_id::integer, @on::date) as p (id)
cross join lateral agency_subtree_on(p.id, @on::date) as s (id)
order by p.id, s.id
