-- Import agencies: the staging table, dropped at commit. No parameters.
create temp table stage_agencies (
  code text, name text, short_name text, level text, kind text, symbol text, province_name text, email text,
  valid_from date, valid_to date, parent_code text
) on commit drop
