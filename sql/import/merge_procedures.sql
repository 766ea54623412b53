-- Import procedures: new fields are created from (field_code, field_name); procedures are upserted by code and
-- only rows that differ are updated. Returns the number of procedures inserted and updated. No parameters.
with new_fields as (
  insert into field (code, name)
  select distinct on (s.field_code) s.field_code, s.field_name
  from stage_procedures s
  order by s.field_code
  on conflict (code) do nothing
  returning id, code
),
fields as (
  select f.id, f.code from field f
  union all
  select n.id, n.code from new_fields n
),
merged as (
  insert into procedure as t (code, name, field_id, level, online_service, time_limit, time_unit, has_fee, paper_result)
  select s.code, s.name, f.id, s.level, s.online_service, s.time_limit, s.time_unit, s.has_fee, s.paper_result
  from stage_procedures s
  join fields f on f.code = s.field_code
  on conflict (code) do update set
    name = excluded.name, field_id = excluded.field_id, level = excluded.level, online_service = excluded.online_service,
    time_limit = excluded.time_limit, time_unit = excluded.time_unit, has_fee = excluded.has_fee,
    paper_result = excluded.paper_result
  where (t.name, t.field_id, t.level, t.online_service, t.time_limit, t.time_unit, t.has_fee, t.paper_result)
        is distinct from
        (excluded.name, excluded.field_id, excluded.level, excluded.online_service, excluded.time_limit,
         excluded.time_unit, excluded.has_fee, excluded.paper_result)
  returning (xmax = 0) as inserted
)
select count(*) filter (where m.inserted) as inserted, count(*) filter (where not m.inserted) as updated
from merged m
