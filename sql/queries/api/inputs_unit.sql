-- Unit inputs over HTTP: the unit a route names, i.e. the agency with code @unit that existed at some point of the
-- period's window [@from, @to] (its latest identity then), with its kind: a province-kind agency stands for the
-- consolidated report, whose inputs are kept under 'province'.
-- @unit, @from, @to
with candidate as (
  select a.id, a.code, a.name, a.kind, a.valid_from, a.valid_to
  from agency a
  where a.code = @unit
),
in_window as (
  select c.id, c.code, c.name, c.kind, c.valid_from
  from candidate c
  where c.valid_from <= @to
    and (c.valid_to is null or c.valid_to > @from)
)
select w.id, w.code, w.name, w.kind
from in_window w
order by w.valid_from desc
limit 1
