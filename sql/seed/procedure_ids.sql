-- Seed and import: procedure code -> id. No parameters.
select p.code, p.id from procedure p
