-- Seed: references the skipped foreign-key triggers would have checked, for the rows seeded in this transaction.
-- Returns the number of dangling references (must be 0). Parameters: @after bigint (last dossier id before the seed).
with seeded as (
  select d.* from dossier d where d.id > @after
),
dangling_dossiers as (
  select count(*) as n
  from seeded d
  left join procedure p on p.id = d.procedure_id
  left join agency r on r.id = d.receiving_agency_id
  left join agency a on a.id = d.deciding_agency_id
  where p.id is null or r.id is null or a.id is null
),
dangling_events as (
  select count(*) as n
  from dossier_event e
  left join dossier d on d.id = e.dossier_id
  where e.dossier_id > @after and d.id is null
)
select (select n from dangling_dossiers) + (select n from dangling_events)
