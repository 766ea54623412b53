-- Records the Hangfire job that consolidates a cycle. @cycle_id, @job_id
update report_cycle set consolidation_job_id = @job_id where id = @cycle_id
