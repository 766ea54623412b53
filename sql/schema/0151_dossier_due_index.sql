-- 0151 "in progress at E and not yet due" ([12]: received before E, due on or after E's civil day, not closed before
-- E) is read live from the appointment on: due_at first, received_at beside it so rows received after E are skipped
-- in the index without a heap fetch. (A GiST index on the span receipt..appointment was tried first: its build on
-- 10M dossiers outlasted the migration's 600 s command timeout on the shared 2-core machine.)
create index dossier_due_received_idx on dossier (due_at, received_at);
