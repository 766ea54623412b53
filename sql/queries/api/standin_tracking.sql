-- Stand-in tracking (the tracking stage replaces it): per unit existing on @on, whether a report for period
-- @period has been made for it and when. @period, @on
with units as (
  select a.code, a.name from agency_units_on(@on) a where a.kind <> 'province'
),
made as (
  select r.unit_code, min(r.finished_at) as first_made
  from adhoc_request r
  where r.period_code = @period and r.state = 'done'
  group by r.unit_code
)
select u.code as UnitCode, u.name as UnitName, m.first_made is not null as Reported, m.first_made as ReportedAt
from units u
left join made m on m.unit_code = u.code
order by u.code
