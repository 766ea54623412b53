-- Reminders: every reminder row, for operators and tests.
select r.id, r.report_kind as kind, r.period_code as periodcode, r.unit_code as unitcode, r.step_days as stepdays,
       r.recipient, r.message_id as messageid, r.state, r.attempts, r.last_error as lasterror
from delivery_reminder r
order by r.id
