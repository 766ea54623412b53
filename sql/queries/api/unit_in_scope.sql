-- Scope: is unit @unit_id the caller's unit @caller_unit or one of its sub-units on @on (agency_subtree_on)?
-- @caller_unit, @unit_id, @on
with caller as (
  select a.id from agency a where a.code = @caller_unit
)
select exists (
  select 1
  from caller c
  cross join lateral agency_subtree_on(c.id, @on) as s(id)
  where s.id = @unit_id
)
