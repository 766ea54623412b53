-- Units a caller may pick on @on: all units for @all, else the caller's unit and its sub-units.
-- @caller_unit, @all, @on
with caller as (
  select a.id from agency a where a.code = @caller_unit
),
scope as (
  select s.id from caller c cross join lateral agency_subtree_on(c.id, @on) as s(id)
)
select a.code, a.name, a.kind
from agency_units_on(@on) a
where @all or a.id in (select id from scope)
order by a.kind = 'province' desc, a.code
