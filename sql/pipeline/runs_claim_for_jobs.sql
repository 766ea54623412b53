-- The cycle job claims the unit runs it will enqueue: runs with no job yet, or claimed earlier by this same
-- cycle job (a Hangfire retry of it). A second cycle job for the same occurrence gets nothing.
-- @cycle_id, @token
update report_run
set job_id = @token, updated_at = now()
where cycle_id = @cycle_id and unit_code <> 'province' and (job_id is null or job_id = @token)
returning id
