-- Summary (verb "summary"): units of the province per level and kind on two dates, before and after the
-- 2025-07-01 reorganisation. Parameters: @before date, @after date.
with dates as (
  select 'before' as period, @before::date as on_date
  union all
  select 'after', @after::date
),
units as (
  select d.period, u.level, u.kind
  from dates d
  cross join lateral agency_units_on(d.on_date) u
)
select u.level, u.kind,
       count(*) filter (where u.period = 'before') as before,
       count(*) filter (where u.period = 'after') as after
from units u
group by u.level, u.kind
order by case u.level when 'province' then 1 when 'district' then 2 else 3 end, u.kind
