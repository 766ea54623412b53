-- Moves a run to a state (with its version and a reason once known). @id, @state, @version_id, @reason.
-- 'done' clears an earlier failure's reason and keeps only the note given with it (a delivery left to the retry job).
update report_run
set state = @state,
    version_id = coalesce(@version_id, version_id),
    reason = case when @state = 'done' then @reason else coalesce(@reason, reason) end,  -- done: only its own note ([DELIVERY_PENDING])
    updated_at = now(),
    finished_at = case when @state in ('done', 'failed', 'awaiting_signature') then now() else null end
where id = @id
