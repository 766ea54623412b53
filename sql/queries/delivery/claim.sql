-- Delivery: claims the due ledger rows for this worker. "for update skip locked" makes two workers take
-- disjoint rows; the claim moves them to 'sending' under a lease and counts the attempt before anything is sent.
-- @now, @lease_until, @version_id (null: every version), @resend_unknown, @max_attempts, @limit.
with due as (
  select d.id
  from delivery d
  where (@version_id::bigint is null or d.report_version_id = @version_id::bigint)
    and d.next_attempt_at <= @now
    and (d.state = 'pending'
         or (d.state = 'unknown' and @resend_unknown and d.attempts < @max_attempts))
  order by d.next_attempt_at, d.id
  limit @limit
  for update skip locked
),
claimed as (
  update delivery d
  set state = 'sending', attempts = d.attempts + 1, lease_until = @lease_until, updated_at = @now
  from due
  where d.id = due.id
  returning d.id, d.report_version_id, d.channel, d.recipient, d.label, d.role, d.message_id, d.attempts
)
select c.id, c.report_version_id as reportversionid, c.channel, c.recipient, c.label, c.role,
       c.message_id as messageid, c.attempts
from claimed c
order by c.id
