-- Delivery: records a version handed to delivery (once; a repeated call changes nothing) and returns the row
-- now stored, so the caller can check it describes the same version.
-- @id, @kind, @period, @unit, @version, @issuer, @number, @issue_date, @detail (jsonb text), @now.
with inserted as (
  insert into delivery_version (report_version_id, report_kind, period_code, unit_code, version, issuer_code,
                                document_number, issue_date, detail, created_at)
  values (@id, @kind, @period, @unit, @version, @issuer, @number, @issue_date, @detail::jsonb, @now)
  on conflict (report_version_id) do nothing
  returning report_kind, period_code, unit_code, version, document_number
)
select i.report_kind as kind, i.period_code as period, i.unit_code as unit, i.version, i.document_number as number from inserted i
union all
select v.report_kind, v.period_code, v.unit_code, v.version, v.document_number
from delivery_version v
where v.report_version_id = @id and not exists (select 1 from inserted)
