-- CCHC plan tasks (nhiệm vụ trong kế hoạch CCHC) due in the window and how many are done (domain.md §4.3: 24/37).
-- Row: one row of counts. due: due_on within [@first_day, @last_day]; completed: of those, completed_on not null
-- and on or before @last_day; completed_on_time: of those, completed_on on or before due_on.
-- Parameters: @units integer[] (null = all), @first_day, @last_day date (civil days, inclusive).
with params as not materialized (
  select @first_day::date as first_day, @last_day::date as last_day, @units::integer[] as units
),
due as (
  select t.* from plan_task t cross join params x
  where t.due_on >= x.first_day and t.due_on <= x.last_day
    and (x.units is null or t.agency_id = any (x.units))
)
select
  count(*)::integer as due,
  count(*) filter (where t.completed_on is not null and t.completed_on <= x.last_day)::integer as completed,
  count(*) filter (where t.completed_on is not null and t.completed_on <= x.last_day and t.completed_on <= t.due_on)::integer
    as completed_on_time
from due t cross join params x
