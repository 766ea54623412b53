-- Unit of a request: the agency with this code (or the province itself for 'province') that existed at some
-- point of the window [@from, @to]. @unit, @from, @to
with candidate as (
  select a.id, a.code, a.name, a.valid_from, a.valid_to
  from agency a
  where a.code = @unit
     or (@unit = 'province' and a.kind = 'province')
)
select c.id, c.code, c.name
from candidate c
where c.valid_from <= @to
  and (c.valid_to is null or c.valid_to > @from)
order by c.valid_from desc
limit 1
