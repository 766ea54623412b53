-- Ad hoc requests: the caller's unit's requests, newest first, one page. @requester_unit, @limit, @offset
select r.id, r.unit_code as UnitCode, r.kind, r.period_code as PeriodCode, r.date_from as DateFrom,
       r.date_to as DateTo, r.field_codes as FieldCodes, r.formats, r.state, r.progress, r.stage, r.reused,
       r.error_code as ErrorCode, r.error_message as ErrorMessage, r.created_at as CreatedAt,
       r.finished_at as FinishedAt, r.product_id as ProductId, p.fingerprint, p.report_version_id as ReportVersionId,
       count(*) over () as Total
from adhoc_request r
left join adhoc_product p on p.id = r.product_id
where r.requester_unit = @requester_unit
order by r.created_at desc, r.id
limit @limit offset @offset
