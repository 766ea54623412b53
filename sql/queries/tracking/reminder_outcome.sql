-- Reminders: what a send ended in (only the current claim may write).
-- @id, @attempts, @state, @error, @next_attempt_at, @sent_at.
update delivery_reminder r
set state = @state,
    last_error = coalesce(@error, r.last_error),
    next_attempt_at = coalesce(@next_attempt_at, r.next_attempt_at),
    sent_at = @sent_at,
    lease_until = null
where r.id = @id
  and r.attempts = @attempts
  and r.state = 'sending'
