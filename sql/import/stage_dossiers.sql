-- Import dossiers: the staging table, dropped at commit. No parameters.
create temp table stage_dossiers (
  code text, procedure_code text, receiving_agency_code text, deciding_agency_code text, channel smallint,
  received_at timestamptz, due_at timestamptz, finished_at timestamptz, returned_at timestamptz, ended_at timestamptz,
  state text, has_fee boolean, paid_online boolean, result_digitised boolean, reused_digitised boolean,
  rating smallint, updated_at timestamptz
) on commit drop
