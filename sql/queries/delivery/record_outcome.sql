-- Delivery: what a send ended in. Only the claim that is still current may write (same attempt, still
-- 'sending'), so a worker whose lease ran out cannot overwrite a newer claim.
-- @id, @attempts, @state, @error, @next_attempt_at, @sent_at, @now.
update delivery d
set state = @state,
    last_error = coalesce(@error, d.last_error),
    next_attempt_at = coalesce(@next_attempt_at, d.next_attempt_at),
    sent_at = @sent_at,
    lease_until = null,
    updated_at = @now
where d.id = @id
  and d.attempts = @attempts
  and d.state = 'sending'
