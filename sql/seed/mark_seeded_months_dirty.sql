-- Seed: with row triggers skipped (seed/skip_row_triggers), the rollup's statement triggers on dossier did not run
-- either. Marks every civil month the seeded dossiers touch as dirty, exactly as those triggers would have (since
-- migration 0210 also the month of the day after each appointment), so the next extract refreshes the rollups.
-- One pass over the seeded rows with one small hash per kind of month (grouping sets), not a lateral row per
-- instant: a quarter of the time on 1M dossiers. @after: the last dossier id before the seed.
insert into dossier_rollup_dirty (month)
select distinct v.m
from (
  select civil_month(d.received_at) as received, civil_month(d.finished_at) as finished, civil_month(d.ended_at) as ended,
    civil_due_leave_month(d.due_at) as leave
  from dossier d
  where d.id > @after
  group by grouping sets ((1), (2), (3), (4))
) g
cross join lateral (values (g.received), (g.finished), (g.ended), (g.leave)) v (m)
where v.m is not null
