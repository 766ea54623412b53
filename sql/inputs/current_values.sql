-- Unit inputs: the current value of every filled field of one unit, kind and period, in field-code order.
-- @unit_code, @kind, @period_code text
select i.field_code as FieldCode, i.value as Value, i.updated_at as UpdatedAt, i.updated_by as UpdatedBy
from unit_input i
where i.unit_code = @unit_code and i.kind = @kind and i.period_code = @period_code
order by i.field_code collate "C"
