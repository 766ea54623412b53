-- One run per unit of a cycle (idempotent), then the cycle's runs.
-- @cycle_id, @units (text[])
with wanted as (
  select unnest(@units::text[]) as unit_code
),
inserted as (
  insert into report_run (cycle_id, unit_code)
  select @cycle_id, w.unit_code from wanted w
  on conflict (cycle_id, unit_code) do nothing
  returning id
)
select count(*) from inserted
