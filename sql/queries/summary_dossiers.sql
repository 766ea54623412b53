-- Summary (verb "summary"): dossiers per year of receipt (Asia/Ho_Chi_Minh) by channel, with the online share
-- and the late share of resolved dossiers (finished on a date after the appointment date, domain.md decision 4).
-- No parameters.
with dossiers as (
  select extract(year from d.received_at at time zone 'Asia/Ho_Chi_Minh')::int as year,
         d.channel, d.state,
         (d.finished_at at time zone 'Asia/Ho_Chi_Minh')::date > (d.due_at at time zone 'Asia/Ho_Chi_Minh')::date as late,
         d.closed_at is null and d.due_at < now() as overdue
  from dossier d
)
select d.year,
       count(*) as total,
       count(*) filter (where d.channel = 1) as direct,
       count(*) filter (where d.channel = 2) as online,
       count(*) filter (where d.channel = 3) as postal,
       count(*) filter (where d.state = 'resolved') as resolved,
       count(*) filter (where d.state = 'resolved' and d.late) as late,
       count(*) filter (where d.state = 'in_progress') as inprogress,
       count(*) filter (where d.overdue) as overdue
from dossiers d
group by d.year
order by d.year
