-- Closes a cycle when every run, the consolidated one included, has ended. @cycle_id
update report_cycle c
set state = 'done', finished_at = now()
where c.id = @cycle_id and c.state = 'running'
  and not exists (
    select 1 from report_run r
    where r.cycle_id = c.id and r.state not in ('done', 'failed', 'awaiting_signature'))
returning c.id
