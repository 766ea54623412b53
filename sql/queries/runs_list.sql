-- runs list: cycles with per-state counts of their runs, newest first. @period (null: all)
with cycles as (
  select * from report_cycle where @period::text is null or period = @period
),
counts as (
  select r.cycle_id,
         count(*) as total,
         count(*) filter (where r.state = 'done') as done,
         count(*) filter (where r.state = 'failed') as failed,
         count(*) filter (where r.state = 'awaiting_signature') as awaiting
  from report_run r join cycles c on c.id = r.cycle_id
  group by r.cycle_id
)
select c.id, c.kind, c.period, c.state, c.trigger, c.started_at as StartedAt, c.finished_at as FinishedAt,
       coalesce(n.total, 0) as total, coalesce(n.done, 0) as done, coalesce(n.failed, 0) as failed,
       coalesce(n.awaiting, 0) as awaiting
from cycles c left join counts n on n.cycle_id = c.id
order by c.id desc
