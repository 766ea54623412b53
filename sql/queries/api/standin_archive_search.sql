-- Stand-in archive search (the archive stage replaces it): the reports made for ad hoc requests, newest first.
-- @period, @unit, @kind (each null: any), @limit
with made as (
  select distinct on (p.id) p.id, p.fingerprint, p.report_version_id, p.created_at, r.unit_code, r.kind, r.period_code
  from adhoc_product p
  join adhoc_request r on r.product_id = p.id
  order by p.id, r.created_at
)
select m.id as EntryId, m.unit_code as UnitCode, m.kind, m.period_code as PeriodCode, m.fingerprint,
       m.report_version_id as ReportVersionId, m.created_at as CreatedAt,
       array(select f.format from adhoc_file f where f.product_id = m.id order by f.format) as Formats
from made m
where (@period::text is null or m.period_code = @period)
  and (@unit::text is null or m.unit_code = @unit)
  and (@kind::text is null or m.kind = @kind)
order by m.created_at desc, m.id desc
limit @limit
