-- Seed: the TTHC catalogue. Parameters: @code, @name, @field_code, @level, @online_service, @time_unit (text[]),
-- @time_limit (numeric[]), @has_fee, @paper_result (boolean[]).
with input as (
  select * from unnest(@code::text[], @name::text[], @field_code::text[], @level::text[], @online_service::text[],
                       @time_limit::numeric[], @time_unit::text[], @has_fee::boolean[], @paper_result::boolean[])
    as i (code, name, field_code, level, online_service, time_limit, time_unit, has_fee, paper_result)
)
insert into procedure (code, name, field_id, level, online_service, time_limit, time_unit, has_fee, paper_result)
select i.code, i.name, f.id, i.level, i.online_service, i.time_limit, i.time_unit, i.has_fee, i.paper_result
from input i
join field f on f.code = i.field_code
on conflict (code) do nothing
