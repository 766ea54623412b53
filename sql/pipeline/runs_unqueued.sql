-- Runs of running cycles whose enqueue was interrupted (claimed but no Hangfire job recorded), for the start-up
-- reconcile of `serve`.
select r.id from report_run r join report_cycle c on c.id = r.cycle_id
where c.state = 'running' and r.job_id like 'claim:%' and r.state not in ('done', 'failed', 'awaiting_signature')
order by r.id
