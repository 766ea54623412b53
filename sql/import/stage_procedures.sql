-- Import procedures: the staging table, dropped at commit. No parameters.
create temp table stage_procedures (
  code text, name text, field_code text, field_name text, level text, online_service text, time_limit numeric,
  time_unit text, has_fee boolean, paper_result boolean
) on commit drop
