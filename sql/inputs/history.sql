-- Unit inputs: every change of one unit, kind and period, oldest first (who, when, old and new value, how).
-- @unit_code, @kind, @period_code text
select h.id as Id, h.field_code as FieldCode, h.old_value as OldValue, h.new_value as NewValue,
       h.author as Author, h.changed_at as ChangedAt, h.action as Action
from unit_input_history h
where h.unit_code = @unit_code and h.kind = @kind and h.period_code = @period_code
order by h.id
