-- runs show: every run of a cycle with its state, reason, attempts, timings and document number. @cycle_id
select r.unit_code as UnitCode, r.state, r.reason, r.attempts, r.started_at as StartedAt,
       r.finished_at as FinishedAt, v.version, v.document_number as DocumentNumber,
       v.document_symbol as DocumentSymbol, v.state as VersionState
from report_run r left join report_version v on v.id = r.version_id
where r.cycle_id = @cycle_id
order by (r.unit_code = 'province'), r.unit_code
