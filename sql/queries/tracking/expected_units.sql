-- Tracking: the units expected to report for a period: those that exist on the window's last day and report
-- CCHC results (departments and communes; districts only for windows ending before the two-level reform of
-- 2025-07-01), with the mailbox reminders go to.
-- @window_end: the last day of the period's window (date).
with units as (
  select u.code, u.name, u.kind, u.email
  from agency_units_on(@window_end) u
),
expected as (
  select u.*
  from units u
  where u.kind in ('department', 'commune')
     or (u.kind = 'district' and @window_end < date '2025-07-01')
)
select e.code, e.name, e.kind, e.email
from expected e
order by case e.kind when 'department' then 1 when 'district' then 2 else 3 end, e.code
