-- Tracking: per unit, how far the worker's report runs have come for a period (report_version, report_run).
-- The newest version that is not superseded: issuing → draft, awaiting_signature → awaiting signature,
-- issued → issued (with its number and issue date). A unit whose run of this period's cycle has started but holds
-- no version yet counts as a draft; a failed or still pending run without a version counts as nothing.
-- @kind: report kind ('annual', ...); @period: period code ('2026').
with versions as (
  select v.unit_code, v.version, v.state, v.document_number, v.document_symbol, v.issue_date,
         row_number() over (partition by v.unit_code order by v.version desc, v.id desc) as newest_first
  from report_version v
  where v.kind = @kind
    and v.period = @period
    and v.state <> 'superseded'
),
newest as (
  select unit_code, version, state,
         lpad(document_number::text, 2, '0') || '/' || document_symbol as document_number, issue_date
  from versions
  where newest_first = 1
),
started_runs as (
  select r.unit_code
  from report_run r
  join report_cycle c on c.id = r.cycle_id
  where c.kind = @kind
    and c.period = @period
    and r.version_id is null
    and r.state not in ('pending', 'failed')
)
select n.unit_code as unitcode, n.state, n.version, n.document_number as documentnumber, n.issue_date as issuedate
from newest n
union all
select s.unit_code, 'issuing', null, null, null
from started_runs s
where not exists (select 1 from newest n where n.unit_code = s.unit_code)
order by unitcode
