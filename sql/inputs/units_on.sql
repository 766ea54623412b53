-- Unit inputs: the units that exist on a date (readiness and demo inputs default to these), by code.
-- @on date
select a.code as Code, a.name as Name, a.kind as Kind
from agency_units_on(@on::date) a
order by a.code collate "C"
