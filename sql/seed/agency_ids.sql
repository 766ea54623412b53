-- Seed and import: agency code -> id. No parameters.
select a.code, a.id from agency a
