-- Every agency with its validity, for naming units in reports and headers (the table is small).
-- Row: one agency. No parameters.
select a.id, a.code, a.name, a.short_name, a.level, a.kind, a.symbol, a.province_name, a.valid_from, a.valid_to
from agency a
order by a.id
