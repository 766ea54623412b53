-- The reporting units of a period: departments, districts and communes that exist on the window's last day.
-- @on: the last day of the window
with units as (
  select a.code from agency_units_on(@on) a
  where a.kind in ('department', 'district', 'commune')
)
select code from units order by code
