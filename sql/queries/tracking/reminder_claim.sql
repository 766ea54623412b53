-- Reminders: claims due reminders for this worker ("for update skip locked": two workers take disjoint rows);
-- a row left 'sending' past its lease (a dead worker) is taken again: a duplicate reminder is harmless.
-- @now, @lease_until, @limit.
with due as (
  select r.id
  from delivery_reminder r
  where r.next_attempt_at <= @now
    and (r.state in ('pending', 'unknown') or (r.state = 'sending' and r.lease_until < @now))
  order by r.next_attempt_at, r.id
  limit @limit
  for update skip locked
),
claimed as (
  update delivery_reminder r
  set state = 'sending', attempts = r.attempts + 1, lease_until = @lease_until
  from due
  where r.id = due.id
  returning r.id, r.report_kind, r.period_code, r.unit_code, r.step_days, r.due_date, r.recipient, r.message_id, r.attempts
)
select c.id, c.report_kind as kind, c.period_code as periodcode, c.unit_code as unitcode, c.step_days as stepdays,
       c.due_date as duedate, c.recipient, c.message_id as messageid, c.attempts
from claimed c
order by c.id
