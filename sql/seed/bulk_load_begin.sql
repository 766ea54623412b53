-- Seed: may the dossiers be bulk-loaded? Takes the dossier and event tables for the rest of the transaction and says
-- whether both are empty and the role is a superuser (the embedded cluster). Only then does the seeder truncate
-- them (so COPY may FREEZE and, with wal_level = minimal, skip the WAL) and detach their secondary indexes
-- (seed/bulk_load_detach_indexes, rebuilt by seed/bulk_load_rebuild_indexes before commit). No parameters.
lock table dossier, dossier_event in access exclusive mode;
select (select r.rolsuper from pg_roles r where r.rolname = current_user)
  and not exists (select 1 from dossier) and not exists (select 1 from dossier_event)
