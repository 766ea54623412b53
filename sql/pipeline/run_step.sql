-- Moves a run to a state (with its version and a reason once known). @id, @state, @version_id, @reason
update report_run
set state = @state,
    version_id = coalesce(@version_id, version_id),
    reason = case when @state = 'done' then null else coalesce(@reason, reason) end,
    updated_at = now(),
    finished_at = case when @state in ('done', 'failed', 'awaiting_signature') then now() else null end
where id = @id
