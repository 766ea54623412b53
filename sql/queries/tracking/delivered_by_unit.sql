-- Tracking: per unit, the newest version of a period handed to delivery and when the unit's report first
-- reached its superior (every 'superior' ledger row of one version sent; a version without superior rows counts
-- when all its rows are sent). A later version (late data) does not make an earlier delivery undone.
-- @kind: report kind ('annual', ...); @period: period code ('2026').
with versions as (
  select v.report_version_id, v.unit_code, v.version, v.document_number, v.issue_date, v.created_at,
         row_number() over (partition by v.unit_code order by v.version desc, v.report_version_id desc) as newest_first
  from delivery_version v
  where v.report_kind = @kind
    and v.period_code = @period
),
per_version as (
  select d.report_version_id,
         count(*) filter (where d.role = 'superior') as superiors,
         bool_and(d.state = 'sent') filter (where d.role = 'superior') as superiors_sent,
         max(d.sent_at) filter (where d.role = 'superior') as superiors_sent_at,
         bool_and(d.state = 'sent') as all_sent,
         max(d.sent_at) as all_sent_at
  from delivery d
  join versions v on v.report_version_id = d.report_version_id
  group by d.report_version_id
),
delivered as (
  select v.unit_code,
         min(case when p.superiors > 0 then p.superiors_sent_at else p.all_sent_at end) as first_delivered_at
  from versions v
  join per_version p on p.report_version_id = v.report_version_id
  where (p.superiors > 0 and p.superiors_sent) or (p.superiors = 0 and p.all_sent)
  group by v.unit_code
)
select v.unit_code as unitcode, v.version, v.document_number as documentnumber, v.issue_date as issuedate,
       v.created_at as issuedat, d.first_delivered_at as deliveredat
from versions v
left join delivered d on d.unit_code = v.unit_code
where v.newest_first = 1
order by v.unit_code
