-- Seed: rebuilds, one by one, the indexes and unique constraints seed/bulk_load_detach_indexes dropped (a unique
-- constraint checks every seeded row as it is built), then gathers the planner's statistics of both tables so the
-- first extract after a seed plans with them. Returns how many indexes and constraints were rebuilt. No parameters.
do $$
declare
  r record;
begin
  for r in select create_sql from seed_detached_index order by table_name, name loop
    execute r.create_sql;
  end loop;
end
$$;

analyze dossier, dossier_event;

select count(*) from seed_detached_index
