-- Online services offered (domain.md §4.3, Decision 766 indicator 3.1): procedures of the TTHC catalogue valid at
-- some time in the window, by online service level. Row: one count per level of service.
-- Parameters: @first_day, @last_day date (the window's civil days, inclusive); @levels text[] (procedure levels of
-- the unit: 'province' for a department, 'commune' for a commune; null = every level, for the province).
with params as not materialized (
  select @first_day::date as first_day, @last_day::date as last_day, @levels::text[] as levels
),
valid as (
  select p.online_service from procedure p cross join params x
  where p.valid_from <= x.last_day and (p.valid_to is null or p.valid_to > x.first_day)
    and (x.levels is null or p.level = any (x.levels))
)
select
  count(*) filter (where online_service = 'full')::integer as full_online,
  count(*) filter (where online_service = 'partial')::integer as partial_online,
  count(*)::integer as total
from valid
