-- Reminders: records that a unit is owed the reminder of one step; the unique key (kind, period, unit, step)
-- makes it once per step however often the scheduler runs.
-- @kind, @period, @unit, @step, @due, @recipient, @message_id, @now.
insert into delivery_reminder (report_kind, period_code, unit_code, step_days, due_date, recipient, message_id,
                               next_attempt_at, created_at)
values (@kind, @period, @unit, @step, @due, @recipient, @message_id, @now, @now)
on conflict (report_kind, period_code, unit_code, step_days) do nothing
