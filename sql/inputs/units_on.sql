-- Unit inputs: the units that write CCHC reports on a date (readiness and demo inputs default to these): every
-- agency that exists then except one-stop centres, which report TTHC figures but write no CCHC narrative.
-- @on date
select a.code as Code, a.name as Name, a.kind as Kind, a.symbol as Symbol
from agency_units_on(@on::date) a
where a.kind <> 'one_stop_centre'
order by a.code collate "C"
