-- Seed: with row triggers skipped (session_replication_role = replica) the rollup's statement triggers did not fire
-- either; mark every civil month the seeded dossiers touch as dirty so the next refresh_dossier_rollup() counts them
-- (otherwise the rollup path would miss the whole seed). Parameters: @after bigint (the last id before the seed).
insert into dossier_rollup_dirty (month)
select distinct m
from dossier d
cross join lateral (values (civil_month(d.received_at)), (civil_month(d.finished_at)), (civil_month(d.ended_at))) v (m)
where d.id > @after and m is not null
