-- Records the Hangfire job that runs a run. @id, @job_id
update report_run set job_id = @job_id, updated_at = now() where id = @id
