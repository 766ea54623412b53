-- Seed guard: does the warehouse already hold dossiers? No parameters.
select exists (select 1 from dossier)
