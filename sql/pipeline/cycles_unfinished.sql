-- Cycles still running, for the start-up reconcile of `serve`.
select id, kind, period, consolidation_claimed_at is not null as ConsolidationClaimed,
       consolidation_job_id as ConsolidationJobId
from report_cycle where state = 'running' order by id
