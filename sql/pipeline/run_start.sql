-- A pipeline attempt starts on a run: counts the attempt, keeps the first start time. @id
update report_run
set attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now(),
    state = case when state in ('done', 'awaiting_signature') then state else 'extracting' end
where id = @id
returning attempts
