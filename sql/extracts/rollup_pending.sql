-- Whether any rollup month is marked dirty in the reader's snapshot: if so, the rollup may not match the dossiers
-- this transaction sees and the extract refreshes again (or reads live). Row: one boolean. No parameters.
select exists (select 1 from dossier_rollup_dirty) as pending
