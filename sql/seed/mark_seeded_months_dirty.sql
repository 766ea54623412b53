-- Seed: with row triggers skipped (seed/skip_row_triggers), the rollup's statement triggers on dossier did not run
-- either. Marks every civil month the seeded dossiers touch as dirty, exactly as those triggers would have, so the
-- next extract refreshes the monthly rollup. @after: the last dossier id before the seed.
insert into dossier_rollup_dirty (month)
select distinct v.m
from dossier d
cross join lateral (values (civil_month(d.received_at)), (civil_month(d.finished_at)), (civil_month(d.ended_at))) v (m)
where d.id > @after and v.m is not null
