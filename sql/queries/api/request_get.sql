-- Ad hoc request: one request as the caller may see it, or nothing: a department sees requests for its unit and
-- its sub-units (on the request's end date); @all sees every request. Nothing tells "exists but not yours" from
-- "does not exist". @id, @caller_unit, @all
with request as (
  select r.* from adhoc_request r where r.id = @id
),
caller as (
  select a.id from agency a where a.code = @caller_unit
),
visible as (
  select r.*
  from request r
  where @all
     or exists (
          select 1
          from caller c
          cross join lateral agency_subtree_on(c.id, r.date_to) as s(id)
          join agency a on a.id = s.id
          where a.code = r.unit_code)
)
select v.id, v.unit_code as UnitCode, v.kind, v.period_code as PeriodCode, v.date_from as DateFrom,
       v.date_to as DateTo, v.field_codes as FieldCodes, v.formats, v.state, v.progress, v.stage,
       v.reused, v.error_code as ErrorCode, v.error_message as ErrorMessage, v.created_at as CreatedAt,
       v.finished_at as FinishedAt, v.product_id as ProductId, p.fingerprint, p.report_version_id as ReportVersionId
from visible v
left join adhoc_product p on p.id = v.product_id
