-- One run with its cycle. @id
select r.id, r.cycle_id as CycleId, c.kind, c.period, r.unit_code as UnitCode, r.state, r.reason, r.attempts,
       r.version_id as VersionId, r.job_id as JobId
from report_run r join report_cycle c on c.id = r.cycle_id
where r.id = @id
