-- Unit inputs: which fields each unit has filled for a kind and period (readiness for tracking and reminders).
-- @kind, @period_code text
select i.unit_code as UnitCode, i.field_code as FieldCode
from unit_input i
where i.kind = @kind and i.period_code = @period_code
