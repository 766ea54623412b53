-- Every field (lĩnh vực) for naming rows of the TTHC form. Row: one field. No parameters.
select f.id, f.code, f.name from field f order by f.code
