-- Delivery: the recipient rows that apply to one report (added to or removing the configured defaults).
-- @kind: report kind ('annual', ...); @unit: unit code ('province' for the consolidated report).
with matching as (
  select r.* from delivery_recipient r
  where (r.report_kind is null or r.report_kind = @kind)
    and (r.unit_code is null or r.unit_code = @unit)
)
select m.channel, m.address, m.label, m.sort_order as sortorder, m.enabled
from matching m
order by m.sort_order, m.id
