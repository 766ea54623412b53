-- Stand-in extract (until the real extracts land): the dossiers a unit (with everything under it) decided,
-- received in the window, and the newest change among them, so the fingerprint moves when the data do.
-- @unit ('province': every unit), @start, @end (half-open instants), @on (window's last day)
with unit as (
  select a.id, a.code, a.name, a.level, a.kind, a.symbol, a.province_name
  from agency a where a.code = @unit
),
scope as (
  select s.id from unit u, agency_subtree_on(u.id, @on) s(id)
),
counted as (
  select count(*) as dossiers, count(*) filter (where d.channel = 2) as online, max(d.updated_at) as changed
  from dossier d
  where d.received_at >= @start and d.received_at < @end
    and (@unit = 'province' or d.deciding_agency_id in (select id from scope))
)
select u.code, u.name, u.level, u.kind, u.symbol,
       coalesce(u.province_name, (select a.province_name from agency a order by a.id limit 1)) as ProvinceName,
       c.dossiers, c.online, c.changed
from counted c left join unit u on true
