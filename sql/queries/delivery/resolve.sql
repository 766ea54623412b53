-- Delivery: an operator's decision on an 'unknown' row (or a retry of a 'failed' one): @state 'pending' sends it
-- again (same Message-ID), 'sent' records that the recipient has it. Returns the row id when it changed.
-- @id, @state, @now, @note.
update delivery d
set state = @state,
    attempts = case when d.state = 'failed' then 0 else d.attempts end,
    next_attempt_at = @now,
    sent_at = case when @state = 'sent' then @now else null end,
    last_error = coalesce(@note, d.last_error),
    updated_at = @now
where d.id = @id
  and d.state in ('unknown', 'failed')
returning d.id
