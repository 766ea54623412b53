-- Records a cycle occurrence once per (kind, period) and returns it; a second call returns the same row.
-- @kind, @period, @trigger
with inserted as (
  insert into report_cycle (kind, period, trigger) values (@kind, @period, @trigger)
  on conflict (kind, period) do nothing
  returning id, state, true as created
)
select id, state, created from inserted
union all
select id, state, false as created from report_cycle where kind = @kind and period = @period
  and not exists (select 1 from inserted)
