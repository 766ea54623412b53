-- Unit inputs: the name of a unit for the workbook title (its latest identity under that code).
-- @unit_code text
select a.name
from agency a
where a.code = @unit_code
order by a.valid_from desc
limit 1
