-- Unit inputs: the periods of one kind for which a unit has any current value (copy-forward picks the latest
-- one before the target period).
-- @unit_code, @kind text
select distinct i.period_code
from unit_input i
where i.unit_code = @unit_code and i.kind = @kind
