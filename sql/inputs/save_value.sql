-- Unit inputs: set (or clear, when @value is null) one field and record the change in the append-only history,
-- only when the value actually changes. Returns 1 when it changed, 0 when the value was already that.
-- Callers hold lock_unit_period for the key.
-- @unit_code, @kind, @period_code, @field_code text; @value text or null; @author text; @action text
with input as (
  select @unit_code::text as unit_code, @kind::text as kind, @period_code::text as period_code,
         @field_code::text as field_code, @value::text as new_value, @author::text as author, @action::text as action
),
with_old as (
  select i.*, u.value as old_value
  from input i
  left join unit_input u
    on u.unit_code = i.unit_code and u.kind = i.kind and u.period_code = i.period_code and u.field_code = i.field_code
),
change as (
  select * from with_old where old_value is distinct from new_value
),
written as (
  insert into unit_input (unit_code, kind, period_code, field_code, value, updated_at, updated_by)
  select c.unit_code, c.kind, c.period_code, c.field_code, c.new_value, now(), c.author
  from change c
  where c.new_value is not null
  on conflict (unit_code, kind, period_code, field_code)
  do update set value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by
  returning 1
),
cleared as (
  delete from unit_input u
  using change c
  where c.new_value is null
    and u.unit_code = c.unit_code and u.kind = c.kind and u.period_code = c.period_code and u.field_code = c.field_code
  returning 1
),
logged as (
  insert into unit_input_history (unit_code, kind, period_code, field_code, old_value, new_value, author, action)
  select c.unit_code, c.kind, c.period_code, c.field_code, c.old_value, c.new_value, c.author, c.action
  from change c
  returning 1
)
select count(*)::int as changed from logged
