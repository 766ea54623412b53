-- Seed on an empty warehouse (seed/bulk_load_begin said yes): truncate dossier and dossier_event in this
-- transaction (COPY FREEZE needs it; with wal_level = minimal the load then writes no WAL) and drop their secondary
-- indexes and unique constraints, remembering each definition in a temporary table that
-- seed/bulk_load_rebuild_indexes replays after the load (building an index once is far cheaper than maintaining
-- it row by row). Primary keys stay (dossier_event's foreign key needs dossier's; ids are appended in order). The
-- definitions are read from the catalogue, so whatever the migrations declare is rebuilt as declared; a failure
-- rolls everything back with the transaction. No parameters.
truncate dossier, dossier_event;

create temporary table seed_detached_index on commit drop as
select c.conrelid::regclass::text as table_name, c.conname::text as name,
  format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname) as drop_sql,
  format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) as create_sql
from pg_constraint c
where c.conrelid in ('dossier'::regclass, 'dossier_event'::regclass) and c.contype = 'u'
  and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid)
union all
select i.indrelid::regclass::text, i.indexrelid::regclass::text,
  format('drop index %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
from pg_index i
where i.indrelid in ('dossier'::regclass, 'dossier_event'::regclass)
  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid);

do $$
declare
  r record;
begin
  for r in select drop_sql from seed_detached_index loop
    execute r.drop_sql;
  end loop;
end
$$;

select count(*) from seed_detached_index
