-- Seed: block other writers of dossier for the rest of the transaction and return the last identity value used.
-- COPY then draws consecutive ids after it (the seeder checks this before committing), so dossier events can
-- refer to dossiers by id without reading them back. No parameters.
lock table dossier in exclusive mode;
select nextval(pg_get_serial_sequence('public.dossier', 'id'))
